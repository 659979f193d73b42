import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Grid,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CloudUploadOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import {
  backUpNow,
  formatSize,
  getBackupStatus,
  scheduleTime,
  type BackupStatus,
  type BackupTrigger,
  staleTitle,
} from './backup.api';

type BackupFile = BackupStatus['files'][number];

/**
 * 数据备份: that the township's data is safe, at a glance: where the nightly backup goes, whether it
 * is encrypted, how many are kept and when it runs; the files there; the last outcome; 立即备份.
 * Files are neither downloaded nor restored through the web: that is `yuqing restore` on the server.
 */
export default function BackupPage() {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const load = useCallback((signal: AbortSignal) => getBackupStatus(signal), []);
  const status = useApi(load);
  const [asking, setAsking] = useState(false);
  const data = status.data;
  const pending = data?.pending ?? null;

  // While a backup is queued or running, look again every few seconds; say how it ended.
  const { reload } = status;
  const waited = useRef(false);
  useEffect(() => {
    if (!pending) return;
    waited.current = true;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [pending, reload]);
  useEffect(() => {
    if (!data || data.pending || !waited.current) return;
    waited.current = false;
    if (data.last?.ok) void message.success(t('backup.doneNow'));
    else if (data.last) void message.error(t('backup.failedNow', { error: data.last.error ?? '' }));
  }, [data, message, t]);

  const ask = async () => {
    setAsking(true);
    try {
      await backUpNow();
      void message.success(t('backup.queued'));
      reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setAsking(false);
    }
  };

  const trigger = (x: BackupTrigger) =>
    x === 'manual' ? t('backup.trigger.manual') : t('backup.trigger.schedule');
  const time = data ? scheduleTime(data.schedule) : '';

  return (
    <Page
      title={t('menu.backup')}
      extra={
        data?.enabled ? (
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={asking || pending !== null}
            onClick={() => void ask()}
          >
            {pending
              ? pending.status === 'queued'
                ? t('backup.queuedButton')
                : t('backup.runningButton')
              : t('backup.now')}
          </Button>
        ) : null
      }
    >
      {status.error && !data ? <LoadError error={status.error} onRetry={reload} /> : null}
      {data ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {data.stale ? (
            <Alert
              type="error"
              showIcon
              data-testid="backup-stale"
              title={staleTitle(t, data)}
              description={t('backup.staleHint')}
            />
          ) : null}
          {!data.enabled ? <Alert type="warning" showIcon title={t('backup.disabled')} /> : null}
          {pending ? (
            <Alert
              type="info"
              showIcon
              data-testid="backup-pending"
              title={
                pending.status === 'queued'
                  ? t('backup.pendingQueued', { at: formatDateTime(pending.requestedAt) })
                  : t('backup.pendingRunning', {
                      at: formatDateTime(pending.startedAt ?? pending.requestedAt),
                    })
              }
              description={
                pending.trigger === 'manual' && pending.requestedBy
                  ? t('backup.pendingBy', { name: pending.requestedBy })
                  : t('backup.trigger.schedule')
              }
            />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <LastOutcome data={data} trigger={trigger} />
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('backup.settings')} style={{ height: '100%' }}>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    {
                      key: 'dir',
                      label: t('backup.dir'),
                      children: (
                        <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                          {data.dir}
                        </Typography.Text>
                      ),
                    },
                    {
                      key: 'encrypted',
                      label: t('backup.encryption'),
                      children: data.encrypted ? (
                        <Space direction="vertical" size={0}>
                          <Tag color="green" icon={<LockOutlined />}>
                            {t('backup.encryptedOn')}
                          </Tag>
                          <Typography.Text type="secondary">
                            {t('backup.encryptedOnHint')}
                          </Typography.Text>
                        </Space>
                      ) : (
                        <Space direction="vertical" size={0}>
                          <Tag color="orange" icon={<UnlockOutlined />}>
                            {t('backup.encryptedOff')}
                          </Tag>
                          <Typography.Text type="secondary">
                            {t('backup.encryptedOffHint')}
                          </Typography.Text>
                        </Space>
                      ),
                    },
                    {
                      key: 'keep',
                      label: t('backup.keep'),
                      children: data.enabled
                        ? t('backup.keepDays', { keep: data.keep })
                        : t('backup.keepOff'),
                    },
                    {
                      key: 'schedule',
                      label: t('backup.schedule'),
                      children: data.enabled
                        ? t('backup.scheduleText', {
                            time,
                            hour: String(data.schedule.hour).padStart(2, '0'),
                            zone: data.schedule.timeZone,
                          })
                        : t('backup.keepOff'),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('backup.files', { count: data.files.length })}
            data-testid="backup-files"
          >
            {data.folderError ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('backup.folderError', { error: data.folderError })}
              />
            ) : null}
            <Table<BackupFile>
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={data.files}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      data.folderError
                        ? t('backup.emptyUnreadable')
                        : data.enabled
                          ? t('backup.empty', { time })
                          : t('backup.emptyDisabled')
                    }
                  />
                ),
              }}
              columns={[
                {
                  title: t('backup.fileName'),
                  dataIndex: 'name',
                  render: (name: string, f) => (
                    <Space direction="vertical" size={0}>
                      <Typography.Text style={{ wordBreak: 'break-all' }}>{name}</Typography.Text>
                      {narrow ? (
                        <Typography.Text type="secondary">
                          {formatDateTime(f.at)} · {formatSize(f.bytes)}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                ...(narrow
                  ? []
                  : [
                      {
                        title: t('backup.fileTime'),
                        key: 'at',
                        render: (_: unknown, f: BackupFile) => formatDateTime(f.at),
                      },
                      {
                        title: t('backup.fileSize'),
                        key: 'bytes',
                        align: 'right' as const,
                        render: (_: unknown, f: BackupFile) => formatSize(f.bytes),
                      },
                    ]),
                {
                  title: t('backup.fileKind'),
                  key: 'kind',
                  render: (_, f) => (
                    <Space size={[0, 4]} wrap>
                      {f.encrypted ? (
                        <Tag color="green">{t('backup.encryptedTag')}</Tag>
                      ) : (
                        <Tag>{t('backup.plainTag')}</Tag>
                      )}
                      <Tag color={f.manual ? 'blue' : 'default'}>
                        {trigger(f.manual ? 'manual' : 'schedule')}
                      </Tag>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('backup.restoreTitle')}>
            <Typography.Paragraph>{t('backup.restoreNoWeb')}</Typography.Paragraph>
            <Typography.Paragraph>{t('backup.restoreHow')}</Typography.Paragraph>
            <pre className="backup-commands">
              {`yuqing restore ${t('backup.fileArg')}\nyuqing restore ${t('backup.fileArg')} --force`}
            </pre>
            <Typography.Paragraph>{t('backup.restoreKey')}</Typography.Paragraph>
            <Typography.Paragraph strong style={{ marginBottom: 0 }}>
              {t('backup.copyOff')}
            </Typography.Paragraph>
          </Card>
        </Space>
      ) : null}
    </Page>
  );
}

function LastOutcome({
  data,
  trigger,
}: {
  data: BackupStatus;
  trigger: (x: BackupTrigger) => string;
}) {
  const t = useT();
  const last = data.last;
  return (
    <Card
      size="small"
      title={t('backup.last')}
      style={{ height: '100%' }}
      data-testid="backup-last"
    >
      {last ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'outcome',
              label: t('backup.outcome'),
              children: last.ok ? (
                <Tag color="success">{t('backup.ok')}</Tag>
              ) : (
                <Tag color="error">{t('backup.failed')}</Tag>
              ),
            },
            { key: 'at', label: t('backup.at'), children: formatDateTime(last.at) },
            { key: 'trigger', label: t('backup.how'), children: trigger(last.trigger) },
            ...(last.ok
              ? [
                  {
                    key: 'file',
                    label: t('backup.fileName'),
                    children: (
                      <Typography.Text style={{ wordBreak: 'break-all' }}>
                        {last.bytes !== null
                          ? t('backup.fileWithSize', {
                              file: last.file ?? '—',
                              size: formatSize(last.bytes),
                            })
                          : (last.file ?? '—')}
                      </Typography.Text>
                    ),
                  },
                ]
              : [
                  {
                    key: 'error',
                    label: t('backup.error'),
                    children: <Typography.Text type="danger">{last.error ?? '—'}</Typography.Text>,
                  },
                  {
                    key: 'lastOk',
                    label: t('backup.lastOk'),
                    children: data.lastSuccessAt
                      ? formatDateTime(data.lastSuccessAt)
                      : t('backup.never'),
                  },
                ]),
          ]}
        />
      ) : (
        <Typography.Text type="secondary">
          {data.enabled
            ? t('backup.none', { time: scheduleTime(data.schedule) })
            : t('backup.emptyDisabled')}
        </Typography.Text>
      )}
    </Card>
  );
}
