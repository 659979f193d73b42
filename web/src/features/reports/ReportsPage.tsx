import { useCallback, useState } from 'react';
import type { MouseEvent } from 'react';
import { Button, Empty, Flex, Grid, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  FileExcelOutlined,
  FileWordOutlined,
  PlusOutlined,
  SettingOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { joinList, useI18n } from '../../app/i18n/i18n';
import { roleLabel } from '../../app/labels';
import { ListTable } from '../../app/ListTable';
import { Page } from '../../app/Page';
import { useTablePagination } from '../../app/pagination';
import { useApi } from '../../app/use-api';
import { GenerateReportModal } from './GenerateReportModal';
import { ReportSettingsDrawer } from './ReportSettingsDrawer';
import {
  REPORT_KINDS,
  getReportSettings,
  listReports,
  reportDocxUrl,
  reportXlsxUrl,
  workSummaryUrl,
} from './reports.api';
import type { ReportKind, ReportSummary } from './reports.api';
import { useReportText } from './report-text';
import type { ReportText } from './report-text';
import { LinkButton } from '../../app/LinkButton';

const isKind = (value: string | null): value is ReportKind =>
  (REPORT_KINDS as readonly string[]).includes(value ?? '');

/** The Word, Excel and (for a year) work-summary links of a report. */
export function ReportDownloads({ report, text }: { report: ReportSummary; text: ReportText }) {
  const stop = (event: MouseEvent) => event.stopPropagation();
  return (
    <Flex gap={12} wrap>
      <Typography.Link
        href={reportDocxUrl(report.id)}
        download
        onClick={stop}
        className="tap-target"
        data-testid={`report-docx-${report.id}`}
      >
        <FileWordOutlined /> {text('docx')}
      </Typography.Link>
      <Typography.Link
        href={reportXlsxUrl(report.id)}
        download
        onClick={stop}
        className="tap-target"
      >
        <FileExcelOutlined /> {text('xlsx')}
      </Typography.Link>
      {report.kind === 'annual' ? (
        <Typography.Link
          href={workSummaryUrl(report.id)}
          download
          onClick={stop}
          className="tap-target"
        >
          <FileWordOutlined /> {text('summary')}
        </Typography.Link>
      ) : null}
    </Flex>
  );
}

/** 舆情报告: the reports by kind, newest period first, with their files. */
export default function ReportsPage() {
  const { t } = useI18n();
  const text = useReportText();
  const has = usePermission();
  const canManage = has('reports.manage');
  // A monitor makes the 当日舆情 on demand; the other kinds and the settings are the office's.
  const canGenerate = canManage || has('reports.daily');
  const navigate = useNavigate();
  const wide = Boolean(Grid.useBreakpoint().sm);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [generating, setGenerating] = useState(false);
  const [editing, setEditing] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) => listReports({ kind, ...page }, signal),
    [kind, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const settings = useApi(useCallback((signal: AbortSignal) => getReportSettings(signal), []));
  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  const schedule = settings.data
    ? settings.data.dailyEnabled
      ? text('schedule', {
          time: settings.data.dailyTime,
          who: joinList(settings.data.recipientRoles.map((r) => roleLabel(t, r))) || '—',
        })
      : text('scheduleOff')
    : null;

  const columns: TableColumnsType<ReportSummary> = [
    {
      title: text('reportTitle'),
      key: 'title',
      render: (_v, row) => (
        <Flex vertical gap={2}>
          <Link
            to={`/reports/${row.id}`}
            className="tap-target"
            onClick={(e) => e.stopPropagation()}
          >
            {row.title}
          </Link>
          {wide ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(row.generatedAt)}
            </Typography.Text>
          )}
          {wide ? null : <ReportDownloads report={row} text={text} />}
        </Flex>
      ),
    },
    {
      title: text('kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 80,
      responsive: ['md'],
      render: (k: ReportKind) => <Tag>{text(`kind.${k}`)}</Tag>,
    },
    {
      title: text('generatedAt'),
      key: 'generatedAt',
      width: 170,
      responsive: ['sm'],
      render: (_v, row) => (
        <Flex vertical>
          <span>{formatDateTime(row.generatedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.generatedByName ?? text('bySchedule')}
            {row.deliveredAt ? ` · ${text('delivered')}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: text('downloads'),
      key: 'downloads',
      width: 260,
      responsive: ['sm'],
      render: (_v, row) => <ReportDownloads report={row} text={text} />,
    },
  ];

  const generateButton = (testId?: string) => (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setGenerating(true)}
      data-testid={testId}
    >
      {text('generate')}
    </Button>
  );

  return (
    <Page
      title={text('title')}
      extra={
        <>
          {has('cases.supervise') ? (
            <LinkButton to="/reports/units" icon={<TableOutlined />}>
              {text('unitStats')}
            </LinkButton>
          ) : null}
          {canManage && settings.data ? (
            <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>
              {text('settings')}
            </Button>
          ) : null}
          {canGenerate ? generateButton('generate-report') : null}
        </>
      }
    >
      {schedule ? (
        <Typography.Paragraph type="secondary" data-testid="report-schedule">
          {schedule}
        </Typography.Paragraph>
      ) : null}
      <Tabs
        activeKey={kind ?? 'all'}
        onChange={(key) => {
          setParams(key === 'all' ? {} : { kind: key }, { replace: true });
          setPage((p) => ({ ...p, page: 1 }));
        }}
        items={[
          { key: 'all', label: text('all') },
          ...REPORT_KINDS.map((k) => ({ key: k, label: text(`kind.${k}`) })),
        ]}
      />
      <ListTable<ReportSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide={wide}
        rowHref={(row) => `/reports/${row.id}`}
        empty={
          <Empty
            description={
              <Flex vertical gap={4}>
                <span>{text('empty')}</span>
                <Typography.Text type="secondary">
                  {text(canManage ? 'emptyHintManage' : 'emptyHint', {
                    time: settings.data?.dailyTime ?? '16:30',
                  })}
                </Typography.Text>
              </Flex>
            }
          >
            {canGenerate ? generateButton() : null}
          </Empty>
        }
        testId="reports-table"
      />
      {generating ? (
        <GenerateReportModal
          initialKind={canManage ? (kind ?? 'daily') : 'daily'}
          kinds={canManage ? REPORT_KINDS : ['daily']}
          onClose={() => setGenerating(false)}
          onGenerated={(id) => {
            setGenerating(false);
            void navigate(`/reports/${id}`);
          }}
        />
      ) : null}
      {editing && settings.data ? (
        <ReportSettingsDrawer
          settings={settings.data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            settings.reload();
          }}
        />
      ) : null}
    </Page>
  );
}
