import { useCallback, useMemo, useState } from 'react';
import { App, Button, Empty, Flex, Form, Grid, Input, Select, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { usePermission } from '../../app/auth';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { ListTable } from '../../app/ListTable';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { oneOfField, textField, useListState } from '../../app/list-state';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { useApi } from '../../app/use-api';
import { HealthBadge, KIND_COLORS, kindLabel, LastError } from './source-labels';
import { SourceFormDrawer } from './SourceFormDrawer';
import { SOURCE_KINDS, isFetched, listSources, runSource, updateSource } from './sources.api';
import type { SourceKind, SourceQuery, SourceSummary } from './sources.api';

interface FilterValues {
  name?: string;
  kind?: SourceKind;
  enabled?: 'true' | 'false';
}

type Filters = Omit<SourceQuery, 'page' | 'pageSize'>;

const FILTERS = {
  name: textField,
  kind: oneOfField(SOURCE_KINDS),
  enabled: oneOfField(['true', 'false'] as const),
};

/** 信息源: every source with its health, switched on and off and run from here. */
export default function SourcesPage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canManage = has('sources.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const wide = Boolean(Grid.useBreakpoint().md);
  const {
    filters: values,
    setFilters,
    page,
    setPage,
    formKey,
  } = useListState<FilterValues>(FILTERS);
  const filters = useMemo<Filters>(
    () => ({ name: values.name?.trim() || undefined, kind: values.kind, enabled: values.enabled }),
    [values],
  );
  const [editing, setEditing] = useState<SourceSummary | 'new' | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => listSources({ ...filters, ...page }, signal),
    [filters, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const act = async (id: number, fn: () => Promise<void>) => {
    setBusy(id);
    try {
      await fn();
      reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(null);
    }
  };

  const toggle = (source: SourceSummary, enabled: boolean) =>
    act(source.id, async () => {
      await updateSource(source.id, { enabled });
      void message.success(
        t(enabled ? 'sources.turnedOn' : 'sources.turnedOff', { name: source.name }),
      );
    });

  const run = (source: SourceSummary) =>
    act(source.id, async () => {
      const answer = await runSource(source.id);
      void message.success(answer.message);
    });

  // Buttons inside a row must not also open the row's page.
  const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();

  const columns: TableColumnsType<SourceSummary> = [
    {
      title: t('sources.name'),
      dataIndex: 'name',
      render: (_, s) => (
        <Flex vertical>
          <Typography.Text strong>{s.name}</Typography.Text>
          {s.url ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 280 }} ellipsis>
              {s.url}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('sources.kind'),
      dataIndex: 'kind',
      render: (kind: SourceKind) => <Tag color={KIND_COLORS[kind]}>{kindLabel(t, kind)}</Tag>,
    },
    {
      title: t('sources.health'),
      dataIndex: 'health',
      render: (_, s) => (isFetched(s.kind) ? <HealthBadge t={t} source={s} /> : '—'),
    },
    {
      title: t('sources.lastSuccess'),
      dataIndex: 'lastSuccessAt',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('sources.lastError'),
      dataIndex: 'lastError',
      render: (_, s) => <LastError source={s} />,
    },
    {
      title: t('sources.found'),
      dataIndex: 'lastFound',
      render: (_, s) =>
        s.lastFound === null
          ? '—'
          : t('sources.foundNew', {
              found: formatNumber(s.lastFound, lang),
              new: formatNumber(s.lastNew ?? 0, lang),
            }),
    },
    {
      title: t('sources.posts'),
      dataIndex: 'postCount',
      align: 'right',
      render: (n: number) => formatNumber(n, lang),
    },
    {
      title: t('sources.nextRun'),
      dataIndex: 'nextRunAt',
      render: (_, s) =>
        isFetched(s.kind) ? (
          s.enabled ? (
            formatDateTime(s.nextRunAt)
          ) : (
            '—'
          )
        ) : (
          <Typography.Text type="secondary">{t('sources.notFetched')}</Typography.Text>
        ),
    },
    {
      title: t('sources.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, s) => (
        <span onClick={stop}>
          <Switch
            size="small"
            checked={enabled}
            disabled={!canManage || (busy !== null && busy !== s.id)}
            loading={busy === s.id}
            aria-label={t('sources.enabled')}
            onChange={(on) => void toggle(s, on)}
          />
        </span>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: wide ? 'right' : undefined,
      render: (_, s) => (
        <Flex gap={4} onClick={stop}>
          {isFetched(s.kind) ? (
            <Button
              size="small"
              type="link"
              icon={<ThunderboltOutlined />}
              disabled={!s.enabled || busy !== null}
              onClick={() => void run(s)}
            >
              {t('sources.runNow')}
            </Button>
          ) : null}
          {s.kind !== 'board' ? (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(s)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Flex>
      ),
    });
  }

  return (
    <Page
      title={t('sources.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('sources.add')}
          </Button>
        ) : null
      }
    >
      <QueryForm<FilterValues>
        key={formKey}
        name="source-filters"
        initialValues={values}
        onSearch={setFilters}
        onRefresh={reload}
      >
        {(showAll) => (
          <>
            <Form.Item name="name" label={t('sources.name')} {...queryItem}>
              <Input placeholder={t('sources.namePlaceholder')} allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('sources.kind')} hidden={!showAll} {...queryItem}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={SOURCE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              />
            </Form.Item>
            <Form.Item name="enabled" label={t('sources.state')} hidden={!showAll} {...queryItem}>
              <Select
                allowClear
                style={{ width: 120 }}
                options={[
                  { value: 'true', label: t('sources.enabledYes') },
                  { value: 'false', label: t('sources.enabledNo') },
                ]}
              />
            </Form.Item>
          </>
        )}
      </QueryForm>
      <ListTable<SourceSummary>
        items={data?.items}
        error={error}
        loading={loading}
        onRetry={reload}
        columns={columns}
        // Many columns: scroll sideways on every screen rather than squeeze them.
        wide
        rowHref={(s) => `/monitoring/sources/${s.id}`}
        testId="sources-table"
        empty={<Empty description={filtered ? t('sources.noMatch') : t('sources.empty')} />}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total: formatNumber(total, lang) }),
          onChange: (current, pageSize) =>
            setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
      {editing ? (
        <SourceFormDrawer
          source={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            void message.success(
              created ? t('sources.created', { name: saved.name }) : t('sources.saved'),
            );
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
