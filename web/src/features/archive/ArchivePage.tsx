import { useCallback, useState } from 'react';
import type { MouseEvent } from 'react';
import { Button, Empty, Flex, Form, Grid, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CloudDownloadOutlined,
  FileWordOutlined,
  FileZipOutlined,
  ImportOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { ListTable } from '../../app/ListTable';
import { useApi } from '../../app/use-api';
import { UrgentTag } from '../cases/case-labels';
import { listCases } from '../cases/cases.api';
import type { CaseSummary } from '../cases/cases.api';
import { unitOptionGroups, useUnits } from '../cases/use-units';
import { useTablePagination } from '../../app/pagination';
import { usePermission } from '../../app/auth';
import { LedgerImportDrawer } from './LedgerImportDrawer';
import { ArchiveTransferModal } from './ArchiveTransferModal';

interface Filters {
  q?: string;
  unitId?: number;
}

/** The archived case's papers: its case file (卷宗) and the machine-readable bundle. */
function Files({ c }: { c: CaseSummary }) {
  const { t } = useI18n();
  const stop = (event: MouseEvent) => event.stopPropagation();
  return (
    <Space size={[12, 4]} wrap>
      <Typography.Link
        href={`/api/cases/${c.id}/file.docx`}
        download
        onClick={stop}
        style={{ whiteSpace: 'nowrap' }}
        data-testid={`archive-file-${c.id}`}
      >
        <FileWordOutlined /> {t('archive.fileDocx')}
      </Typography.Link>
      <Typography.Link
        href={`/api/cases/${c.id}/bundle.zip`}
        download
        onClick={stop}
        style={{ whiteSpace: 'nowrap' }}
      >
        <FileZipOutlined /> {t('archive.bundleZip')}
      </Typography.Link>
    </Space>
  );
}

/** 归档: the closed, read-only case files, searchable, each with its documents. */
export default function ArchivePage() {
  const { t } = useI18n();
  const { units } = useUnits();
  const wide = Boolean(Grid.useBreakpoint().sm);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const can = usePermission();
  const [importing, setImporting] = useState(false);
  const [transferring, setTransferring] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) =>
      listCases(
        {
          state: 'archived',
          q: filters.q?.trim() || undefined,
          unitId: filters.unitId ?? undefined,
          page: page.page,
          pageSize: page.pageSize,
        },
        signal,
      ),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const title = (c: CaseSummary) => (
    <Flex gap={6} align="center" wrap>
      {c.urgent ? <UrgentTag /> : null}
      {c.imported ? <Tag color="purple">{t('ledger.tag')}</Tag> : null}
      <Link to={`/cases/${c.id}`} onClick={(event) => event.stopPropagation()}>
        {c.title}
      </Link>
    </Flex>
  );

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.caseTitle'),
      key: 'phone',
      responsive: ['xs'],
      render: (_v, c) => (
        <Flex vertical gap={4}>
          {title(c)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.slipNo ?? `#${c.id}`}
            {c.leadUnitName ? ` · ${c.leadUnitName}` : ''} · {formatDateTime(c.postedAt)}
          </Typography.Text>
          <Files c={c} />
        </Flex>
      ),
    },
    {
      title: t('cases.slipNo'),
      dataIndex: 'slipNo',
      key: 'slipNo',
      width: 110,
      responsive: ['sm'],
      render: (slipNo: string | null, c) =>
        slipNo ?? <Typography.Text type="secondary">#{c.id}</Typography.Text>,
    },
    {
      title: t('cases.caseTitle'),
      key: 'title',
      responsive: ['sm'],
      render: (_v, c) => <div style={{ minWidth: 200, maxWidth: 360 }}>{title(c)}</div>,
    },
    {
      title: t('cases.source'),
      dataIndex: 'source',
      key: 'source',
      width: 130,
      responsive: ['lg'],
    },
    {
      title: t('cases.leadUnit'),
      dataIndex: 'leadUnitName',
      key: 'leadUnit',
      width: 120,
      responsive: ['md'],
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('cases.postedAt'),
      dataIndex: 'postedAt',
      key: 'postedAt',
      width: 150,
      responsive: ['md'],
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('archive.files'),
      key: 'files',
      width: 200,
      responsive: ['sm'],
      render: (_v, c) => <Files c={c} />,
    },
  ];

  const pagination = useTablePagination(page, setPage, data?.total ?? 0);

  const filtered = Boolean(filters.q?.trim()) || filters.unitId !== undefined;

  return (
    <Page
      title={t('archive.title')}
      extra={
        <Space wrap>
          {can('cases.transfer') ? (
            <Button
              icon={<CloudDownloadOutlined />}
              onClick={() => setTransferring(true)}
              data-testid="transfer-open"
            >
              {t('transfer.open')}
            </Button>
          ) : null}
          {can('cases.import') ? (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('ledger.open')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ArchiveTransferModal
        open={transferring}
        onClose={() => setTransferring(false)}
        q={filters.q?.trim() || undefined}
        unitId={filters.unitId}
        unitName={units.find((u) => u.id === filters.unitId)?.name}
      />
      <LedgerImportDrawer
        open={importing}
        onClose={() => setImporting(false)}
        onImported={reload}
      />
      <QueryForm<Filters>
        name="archive-filters"
        onSearch={(values) => {
          setFilters(values);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onRefresh={reload}
      >
        {(showAll) => (
          <>
            <Form.Item name="q" label={t('cases.keyword')} {...queryItem}>
              <Input
                placeholder={t('cases.keywordPlaceholder')}
                allowClear
                style={{ width: 220 }}
              />
            </Form.Item>
            {units.length > 0 ? (
              <Form.Item name="unitId" label={t('cases.unit')} hidden={!showAll} {...queryItem}>
                <Select
                  placeholder={t('cases.unitPlaceholder')}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={unitOptionGroups(t, units)}
                  style={{ width: 180 }}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            ) : null}
          </>
        )}
      </QueryForm>
      <ListTable<CaseSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        pagination={pagination}
        wide={wide}
        rowHref={(c) => `/cases/${c.id}`}
        empty={<Empty description={filtered ? t('archive.noMatch') : t('archive.empty')} />}
        testId="archive-table"
      />
    </Page>
  );
}
