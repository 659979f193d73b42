import { useCallback, useState } from 'react';
import { App, Button, Empty, Flex, Form, Grid, Select, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { ListTable } from '../../app/ListTable';
import { useApi } from '../../app/use-api';
import { localToday, periodText } from '../stats/period';
import { IssueNoticeModal } from './IssueNoticeModal';
import { listNotices, noticeDocxUrl } from './notices.api';
import type { NoticeSummary } from './notices.api';

interface Filters {
  year?: number;
}

/** This year and the four before it: notices are numbered per year (〔2026〕第3期). */
function yearOptions(): { value: number; label: string }[] {
  const current = Number(localToday().slice(0, 4));
  return Array.from({ length: 5 }, (_v, i) => ({
    value: current - i,
    label: String(current - i),
  }));
}

/** 通报: the office's notices of units that let due times pass, newest first. */
export default function NoticesPage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canIssue = has('cases.urge');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const wide = Boolean(Grid.useBreakpoint().sm);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [issuing, setIssuing] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) =>
      listNotices(
        { year: filters.year ?? undefined, page: page.page, pageSize: page.pageSize },
        signal,
      ),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const download = (row: NoticeSummary) => (
    <Typography.Link
      href={noticeDocxUrl(row.id)}
      download
      onClick={(event) => event.stopPropagation()}
      style={{ whiteSpace: 'nowrap' }}
    >
      <FileWordOutlined /> {t('notices.docx')}
    </Typography.Link>
  );

  const columns: TableColumnsType<NoticeSummary> = [
    {
      title: t('notices.title'),
      key: 'phone',
      responsive: ['xs'],
      render: (_v, row) => (
        <Flex vertical gap={4}>
          <Link to={`/notices/${row.id}`}>{row.number}</Link>
          <Typography.Text>{row.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('notices.unitsAndCases', {
              units: formatNumber(row.unitCount, lang),
              cases: formatNumber(row.caseCount, lang),
            })}{' '}
            · {formatDateTime(row.createdAt)}
          </Typography.Text>
          {download(row)}
        </Flex>
      ),
    },
    {
      title: t('notices.number'),
      dataIndex: 'number',
      key: 'number',
      width: 130,
      responsive: ['sm'],
      render: (number: string, row) => <Link to={`/notices/${row.id}`}>{number}</Link>,
    },
    {
      title: t('notices.title'),
      dataIndex: 'title',
      key: 'title',
      responsive: ['sm'],
      render: (title: string, row) => (
        <Link to={`/notices/${row.id}`} style={{ display: 'inline-block', minWidth: 220 }}>
          {title}
        </Link>
      ),
    },
    {
      title: t('notices.period'),
      key: 'period',
      width: 210,
      responsive: ['md'],
      render: (_v, row) => periodText(t, row.periodFrom, row.periodTo),
    },
    {
      title: t('notices.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      responsive: ['lg'],
      render: (at: string, row) => (
        <Flex vertical>
          <span>{formatDateTime(at)}</span>
          {row.createdBy ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.createdBy}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('notices.unitCount'),
      dataIndex: 'unitCount',
      key: 'unitCount',
      width: 80,
      align: 'right',
      responsive: ['sm'],
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="danger" strong>
            {formatNumber(n, lang)}
          </Typography.Text>
        ) : (
          formatNumber(n, lang)
        ),
    },
    {
      title: t('notices.caseCount'),
      dataIndex: 'caseCount',
      key: 'caseCount',
      width: 80,
      align: 'right',
      responsive: ['md'],
      render: (n: number) => formatNumber(n, lang),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      responsive: ['sm'],
      render: (_v, row) => download(row),
    },
  ];

  const pagination: TablePaginationConfig = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50],
    showTotal: (total) => t('common.total', { total: formatNumber(total, lang) }),
    onChange: (current, pageSize) =>
      setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
  };

  const issueButton = (testId?: string) => (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setIssuing(true)}
      data-testid={testId}
    >
      {t('notices.issue')}
    </Button>
  );

  return (
    <Page title={t('notices.pageTitle')} extra={canIssue ? issueButton('issue-notice') : null}>
      <QueryForm<Filters>
        name="notice-filters"
        collapsible={false}
        onSearch={(values) => {
          setFilters(values);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onRefresh={reload}
      >
        {() => (
          <Form.Item name="year" label={t('notices.year')} {...queryItem}>
            <Select
              placeholder={t('common.all')}
              allowClear
              options={yearOptions()}
              style={{ width: 110 }}
            />
          </Form.Item>
        )}
      </QueryForm>
      <ListTable<NoticeSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide={wide}
        rowHref={(row) => `/notices/${row.id}`}
        empty={
          <Empty
            description={
              filters.year !== undefined
                ? t('notices.noMatch')
                : canIssue
                  ? t('notices.emptyOffice')
                  : t('notices.empty')
            }
          >
            {canIssue && filters.year === undefined ? issueButton() : null}
          </Empty>
        }
        testId="notices-table"
      />
      {issuing ? (
        <IssueNoticeModal
          onClose={() => setIssuing(false)}
          onIssued={(notice) => {
            setIssuing(false);
            void message.success(t('notices.issued', { number: notice.number }));
            void navigate(`/notices/${notice.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
