import { useCallback, useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Skeleton,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  FileSearchOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { ApiError } from '../../app/api';
import { useApi } from '../../app/use-api';
import {
  HealthBadge,
  intervalLabel,
  KIND_COLORS,
  kindLabel,
  LastError,
  LastWarning,
} from './source-labels';
import { SourceFormDrawer } from './SourceFormDrawer';
import { deleteSource, getSource, isFetched, runSource, updateSource } from './sources.api';
import type { SourceRun } from './sources.api';

const STATUS_COLORS: Record<SourceRun['status'], string> = {
  running: 'processing',
  ok: 'success',
  partial: 'warning',
  failed: 'error',
};

/** One source: its settings and health at the top, its run history below. */
export default function SourcePage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canManage = has('sources.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = useCallback((signal: AbortSignal) => getSource(id, signal), [id]);
  const { data: source, error, reload } = useApi(load);

  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (!source) {
    return error ? <LoadError error={error} onRetry={reload} /> : <Skeleton active />;
  }
  const fetched = isFetched(source.kind);
  const n = (v: number) => formatNumber(v, lang);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };

  const actions = [];
  if (source.postCount > 0 && has('posts.read')) {
    actions.push(
      <Link
        key="posts"
        to={`/monitoring?source=${encodeURIComponent(`source:${source.id}`)}&relevant=all`}
      >
        <Button icon={<FileSearchOutlined />}>
          {t('sources.viewPosts', { count: formatNumber(source.postCount, lang) })}
        </Button>
      </Link>,
    );
  }
  if (canManage && fetched) {
    actions.push(
      <Button
        key="run"
        type="primary"
        icon={<ThunderboltOutlined />}
        disabled={!source.enabled}
        loading={busy}
        onClick={() =>
          void act(async () => {
            const answer = await runSource(source.id);
            void message.success(answer.message);
            reload();
          })
        }
      >
        {t('sources.runNow')}
      </Button>,
    );
  }
  if (canManage && source.kind !== 'board') {
    actions.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('common.edit')}
      </Button>,
    );
    if (source.postCount === 0) {
      actions.push(
        <Popconfirm
          key="delete"
          title={t('sources.confirmDelete', { name: source.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            void act(async () => {
              await deleteSource(source.id);
              void message.success(t('sources.deleted', { name: source.name }));
              void navigate('/monitoring/sources');
            })
          }
        >
          <Button danger icon={<DeleteOutlined />}>
            {t('sources.delete')}
          </Button>
        </Popconfirm>,
      );
    }
  }

  return (
    <Page title={source.name} extra={actions}>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('sources.kind')}>
            <Tag color={KIND_COLORS[source.kind]}>{kindLabel(t, source.kind)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('sources.enabled')}>
            <Switch
              size="small"
              checked={source.enabled}
              disabled={!canManage || busy}
              onChange={(enabled) =>
                void act(async () => {
                  await updateSource(source.id, { enabled });
                  void message.success(
                    t(enabled ? 'sources.turnedOn' : 'sources.turnedOff', { name: source.name }),
                  );
                  reload();
                })
              }
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('sources.posts')}>{n(source.postCount)}</Descriptions.Item>
          {source.url ? (
            <Descriptions.Item label={t('sources.url')} span={{ xs: 1, sm: 2, lg: 3 }}>
              <Typography.Link href={source.url} target="_blank" rel="noopener noreferrer">
                {source.url}
              </Typography.Link>
            </Descriptions.Item>
          ) : null}
          {fetched ? (
            <>
              <Descriptions.Item label={t('sources.interval')}>
                {intervalLabel(t, source.intervalMinutes)}
              </Descriptions.Item>
              <Descriptions.Item label={t('sources.health')}>
                <HealthBadge t={t} source={source} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sources.nextRun')}>
                {source.enabled ? formatDateTime(source.nextRunAt) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('sources.lastSuccess')}>
                {formatDateTime(source.lastSuccessAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('sources.found')}>
                {source.lastFound === null
                  ? '—'
                  : t('sources.foundNew', {
                      found: n(source.lastFound),
                      new: n(source.lastNew ?? 0),
                    })}
              </Descriptions.Item>
              <Descriptions.Item label={t('sources.lastError')}>
                <LastError source={source} />
              </Descriptions.Item>
              {source.health === 'warning' ? (
                <Descriptions.Item label={t('sources.lastWarning')} span={{ xs: 1, sm: 2, lg: 3 }}>
                  <LastWarning source={source} />
                </Descriptions.Item>
              ) : null}
            </>
          ) : null}
          <Descriptions.Item label={t('sources.createdAt')}>
            {formatDateTime(source.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('sources.runs')} styles={{ body: { padding: 0 } }}>
        <Table<SourceRun>
          rowKey="id"
          size="small"
          dataSource={source.runs}
          pagination={source.runs.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          data-testid="source-runs"
          locale={{
            emptyText: (
              <Empty description={fetched ? t('sources.runsEmpty') : t('sources.runsNotFetched')} />
            ),
          }}
          columns={[
            {
              title: t('sources.run.startedAt'),
              dataIndex: 'startedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('sources.run.trigger'),
              dataIndex: 'trigger',
              render: (v: SourceRun['trigger']) => t(`sources.run.trigger.${v}`),
            },
            {
              title: t('sources.run.status'),
              dataIndex: 'status',
              render: (v: SourceRun['status']) => (
                <Tag color={STATUS_COLORS[v]}>{t(`sources.run.status.${v}`)}</Tag>
              ),
            },
            { title: t('sources.run.pages'), dataIndex: 'pages', align: 'right' },
            { title: t('sources.run.notModified'), dataIndex: 'notModified', align: 'right' },
            { title: t('sources.run.robotsBlocked'), dataIndex: 'robotsBlocked', align: 'right' },
            { title: t('sources.run.found'), dataIndex: 'found', align: 'right' },
            { title: t('sources.run.new'), dataIndex: 'new', align: 'right' },
            { title: t('sources.run.duplicates'), dataIndex: 'duplicates', align: 'right' },
            {
              title: t('sources.run.nearDuplicates'),
              dataIndex: 'nearDuplicates',
              align: 'right',
            },
            {
              title: t('sources.run.error'),
              dataIndex: 'error',
              render: (v: string | null, run: SourceRun) => {
                const text =
                  v ??
                  (run.warnings.length > 0 ? run.warnings.join(t('common.clauseSeparator')) : null);
                return text ? (
                  <Typography.Text
                    type={v ? 'danger' : 'warning'}
                    style={{ maxWidth: 320 }}
                    ellipsis={{ tooltip: text }}
                  >
                    {text}
                  </Typography.Text>
                ) : (
                  '—'
                );
              },
            },
          ]}
        />
      </Card>
      {editing ? (
        <SourceFormDrawer
          source={source}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('sources.saved'));
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
