import { useCallback, useState } from 'react';
import { Button, Grid, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { ListTable } from '../../app/ListTable';
import { Page } from '../../app/Page';
import { useTablePagination } from '../../app/pagination';
import { useApi } from '../../app/use-api';
import { BriefEditorModal } from './BriefEditorModal';
import { BRIEF_STATUSES, listBriefs } from './info-reports.api';
import type { Brief, BriefStatus } from './info-reports.api';
import { useInfoText } from './info-text';
import { StatusTag } from './StatusTag';
import { LinkButton } from '../../app/LinkButton';
import { inParens } from '../../app/i18n/i18n';

const isStatus = (value: string | null): value is BriefStatus =>
  (BRIEF_STATUSES as readonly string[]).includes(value ?? '');

/** 信息报送: the briefs, those waiting for review first. */
export default function InfoBriefsPage() {
  const text = useInfoText();
  const has = usePermission();
  const navigate = useNavigate();
  const wide = Boolean(Grid.useBreakpoint().sm);
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [writing, setWriting] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) => listBriefs({ ...(status ? { status } : {}), ...page }, signal),
    [status, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  const columns: TableColumnsType<Brief> = [
    {
      title: text('briefTitle'),
      key: 'title',
      render: (_v, row) => (
        <Link to={`/info-briefs/${row.id}`} onClick={(e) => e.stopPropagation()}>
          {row.issueNo !== null ? `${text('issue', { n: row.issueNo })} ` : ''}
          {row.title}
        </Link>
      ),
    },
    {
      title: text('status'),
      key: 'status',
      width: 200,
      render: (_v, row) => (
        <>
          <StatusTag status={row.status} />
          {(['adopted', 'instruction'] as const).map((k) =>
            row.outcomes.some((o) => o.kind === k) ? (
              <Tag key={k} color="gold">
                {text(`outcome.${k}`)}
              </Tag>
            ) : null,
          )}
        </>
      ),
    },
    {
      title: text('author'),
      key: 'author',
      width: 160,
      responsive: ['md'],
      render: (_v, row) => `${row.author.name}${row.unitName ? inParens(row.unitName) : ''}`,
    },
    {
      title: text('updatedAt'),
      key: 'updatedAt',
      width: 170,
      responsive: ['sm'],
      render: (_v, row) => formatDateTime(row.updatedAt),
    },
  ];

  return (
    <Page
      title={text('title')}
      extra={
        <>
          <LinkButton to="/info-ranking" icon={<TrophyOutlined />}>
            {text('ranking')}
          </LinkButton>
          {has('info.write') ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setWriting(true)}
              data-testid="write-brief"
            >
              {text('write')}
            </Button>
          ) : null}
        </>
      }
    >
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(key) => {
          setParams(key === 'all' ? {} : { status: key }, { replace: true });
          setPage((p) => ({ ...p, page: 1 }));
        }}
        items={[
          { key: 'all', label: text('all') },
          ...BRIEF_STATUSES.map((s) => ({ key: s, label: text(`status.${s}`) })),
        ]}
      />
      <ListTable<Brief>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide={wide}
        rowHref={(row) => `/info-briefs/${row.id}`}
        empty={<Typography.Text type="secondary">{text('empty')}</Typography.Text>}
        testId="info-briefs"
      />
      <BriefEditorModal
        open={writing}
        onClose={() => setWriting(false)}
        onSaved={(brief) => {
          setWriting(false);
          void navigate(`/info-briefs/${brief.id}`);
        }}
      />
    </Page>
  );
}
