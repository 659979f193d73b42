import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Grid,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { useCheckedImport } from '../../app/use-checked-import';
import { LEDGER_TEMPLATE_URL, importLedger } from './ledger-import.api';
import type { LedgerImportResult, LedgerRowError } from './ledger-import.api';

/**
 * 历史台账导入: the past cases of the Excel ledger, checked row by row first, then imported as
 * archived cases. One bad row and nothing is imported; rows imported before are skipped.
 */
export function LedgerImportDrawer({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const notifyError = useNotifyError();
  const screens = Grid.useBreakpoint();
  const { file, fileList, result, busy, reset, pick, run, imported, checked, current } =
    useCheckedImport(importLedger, onImported);

  return (
    <Drawer
      open={open}
      title={t('ledger.title')}
      size={screens.md ? 860 : '100%'}
      onClose={() => {
        if (imported) reset();
        onClose();
      }}
      extra={
        imported ? (
          <Button onClick={reset}>{t('common.reset')}</Button>
        ) : (
          <Flex gap={8}>
            <Button
              icon={<SafetyCertificateOutlined />}
              disabled={!file}
              loading={busy === 'dry'}
              onClick={() => void run(true)}
              data-testid="ledger-dry-run"
            >
              {t('import.dryRun')}
            </Button>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={!checked || busy !== null}
              loading={busy === 'commit'}
              onClick={() => void run(false)}
              data-testid="ledger-commit"
            >
              {t('import.commit')}
            </Button>
          </Flex>
        )
      }
    >
      <Steps
        size="small"
        current={current}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('ledger.step1') },
          { title: t('import.step2') },
          { title: t('import.step3') },
        ]}
      />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('ledger.intro')}
        </Typography.Paragraph>
        <div>
          <Button icon={<DownloadOutlined />} href={LEDGER_TEMPLATE_URL} download>
            {t('ledger.template')}
          </Button>
        </div>
        {!imported ? (
          <Upload.Dragger
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(picked) => {
              const name = picked.name.toLowerCase();
              if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
                notifyError(new Error(t('ledger.onlyXlsx')));
                return Upload.LIST_IGNORE;
              }
              pick(picked, picked.uid);
              return false;
            }}
            onRemove={() => {
              reset();
              return true;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.pick')}</p>
            <p className="ant-upload-hint">{t('ledger.pickHint')}</p>
          </Upload.Dragger>
        ) : null}
        {result ? <LedgerResult result={result} /> : null}
      </Flex>
    </Drawer>
  );
}

function LedgerResult({ result }: { result: LedgerImportResult }) {
  const t = useT();
  const { figures } = result;
  const unitCounts = (units: { unitName: string; count: number }[]) =>
    units.map((u) => `${u.unitName} ${u.count}`).join(t('ledger.separator')) || '—';
  const summary = result.ok ? (
    <Alert
      type={result.created === 0 ? 'info' : 'success'}
      showIcon
      data-testid="ledger-summary"
      title={
        result.dryRun
          ? t('ledger.dryRunOk', { created: result.created, skipped: result.skipped.length })
          : t('ledger.commitOk', { created: result.created, skipped: result.skipped.length })
      }
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid="ledger-summary"
      title={t('ledger.failed', { count: new Set(result.errors.map((e) => e.row)).size })}
    />
  );
  const columns: TableColumnsType<LedgerRowError & { key: number }> = [
    { title: t('import.row'), dataIndex: 'row', key: 'row', width: 70, align: 'right' },
    {
      title: t('ledger.column'),
      dataIndex: 'column',
      key: 'column',
      width: 110,
      render: (column: string) => column || '—',
    },
    { title: t('ledger.reason'), dataIndex: 'message', key: 'message' },
  ];
  return (
    <Flex vertical gap={16}>
      {summary}
      {result.ok && result.created > 0 ? (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2 }}
          data-testid="ledger-figures"
          items={[
            {
              key: 'range',
              label: t('ledger.range'),
              children: `${formatDateTime(figures.from)} ~ ${formatDateTime(figures.to)}`,
            },
            { key: 'replied', label: t('ledger.replied'), children: figures.replied },
            { key: 'closed', label: t('ledger.closed'), children: figures.closed },
            { key: 'slips', label: t('ledger.withSlip'), children: figures.withSlip },
            {
              key: 'judged',
              label: t('ledger.judgedByUnit'),
              children: t('ledger.judgedByUnitText', {
                judged: figures.judgedByUnit,
                total: result.created,
              }),
            },
            {
              key: 'units',
              label: t('ledger.units'),
              span: 2,
              children: unitCounts(figures.units),
            },
            ...(figures.coUnits.length > 0
              ? [
                  {
                    key: 'coUnits',
                    label: t('ledger.coUnits'),
                    span: 2,
                    children: unitCounts(figures.coUnits),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {result.skipped.length > 0 ? (
        <Typography.Text type="secondary" data-testid="ledger-skipped">
          {t('ledger.skippedRows', { count: result.skipped.length })}{' '}
          {result.skipped.slice(0, 20).map((s, i) => (
            <span key={s.row}>
              {i > 0 ? t('ledger.separator') : ''}
              <Link to={`/cases/${s.caseId}`}>{t('ledger.skippedRow', { row: s.row })}</Link>
            </span>
          ))}
          {result.skipped.length > 20 ? ' …' : ''}
        </Typography.Text>
      ) : null}
      {result.errors.length > 0 ? (
        <Table<LedgerRowError & { key: number }>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={result.errors.map((e, key) => ({ ...e, key }))}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          data-testid="ledger-errors"
        />
      ) : null}
    </Flex>
  );
}
