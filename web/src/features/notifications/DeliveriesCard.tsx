import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { getDeliveries, retryDeliveries } from './settings.api';
import type { Channel, DeliveryList } from './settings.api';

type Item = DeliveryList['items'][number];

const CHANNEL_LABEL: Record<Channel, MessageKey> = {
  email: 'notifySettings.email',
  wecom: 'notifySettings.wecom',
  dingtalk: 'notifySettings.dingtalk',
};

/**
 * 发送情况: what the channels did in the last 30 days, the messages that failed or are being
 * tried again with the receiver's error, and 重新发送 for those given up on.
 */
export function DeliveriesCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [page, setPage] = useState(1);
  const [retrying, setRetrying] = useState(false);
  const load = useCallback((signal: AbortSignal) => getDeliveries(page, signal), [page]);
  const { data, error, loading, reload } = useApi(load);

  const retry = async (ids: number[]) => {
    setRetrying(true);
    try {
      const { requeued } = await retryDeliveries(ids);
      void message.success(t('notifySettings.requeued', { count: requeued }));
      reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setRetrying(false);
    }
  };

  const failedIds = (data?.items ?? []).filter((i) => i.status === 'failed').map((i) => i.id);
  const columns: TableColumnsType<Item> = [
    {
      title: t('notifySettings.deliveryChannel'),
      key: 'channel',
      render: (_v, r) => (
        <Flex vertical gap={2}>
          <span>{t(CHANNEL_LABEL[r.channel])}</span>
          {r.target ? <Typography.Text type="secondary">{r.target}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      title: t('notifySettings.deliverySubject'),
      key: 'subject',
      render: (_v, r) => (
        <Flex vertical gap={2}>
          <span>{r.subject}</span>
          <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('notifySettings.deliveryStatus'),
      key: 'status',
      render: (_v, r) =>
        r.status === 'failed' ? (
          <Tag color="error">{t('notifySettings.deliveryFailed', { attempts: r.attempts })}</Tag>
        ) : (
          <Flex vertical gap={2}>
            <Tag color="warning">{t('notifySettings.deliveryRetrying')}</Tag>
            {r.nextAttemptAt ? (
              <Typography.Text type="secondary">
                {t('notifySettings.deliveryNext', { at: formatDateTime(r.nextAttemptAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
    },
    {
      title: t('notifySettings.deliveryError'),
      dataIndex: 'lastError',
      key: 'lastError',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, r) =>
        r.status === 'failed' ? (
          <Button size="small" disabled={retrying} onClick={() => void retry([r.id])}>
            {t('notifySettings.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('notifySettings.deliveries')}
      extra={
        <Flex gap={8}>
          <Button
            icon={<SendOutlined />}
            disabled={failedIds.length === 0}
            loading={retrying}
            onClick={() => void retry(failedIds)}
            data-testid="notify-retry-failed"
          >
            {t('notifySettings.retryAll', { count: failedIds.length })}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={reload}
            aria-label={t('notifySettings.refresh')}
          />
        </Flex>
      }
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="notify-delivery-summary">
            {t('notifySettings.deliveriesHint', { days: data?.days ?? 30 })}
            {(data?.summary ?? [])
              .filter((s) => s.sent + s.pending + s.failed > 0)
              .map((s) =>
                t('notifySettings.deliverySummary', {
                  channel: t(CHANNEL_LABEL[s.channel]),
                  sent: formatNumber(s.sent, lang),
                  pending: formatNumber(s.pending, lang),
                  failed: formatNumber(s.failed, lang),
                }),
              )
              .join(t('common.clauseSeparator'))}
          </Typography.Paragraph>
          <Table<Item>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('notifySettings.deliveriesEmpty')} /> }}
            pagination={{
              current: page,
              pageSize: 10,
              total: data?.total ?? 0,
              hideOnSinglePage: true,
              onChange: setPage,
            }}
            data-testid="notify-deliveries"
          />
        </>
      )}
    </Card>
  );
}
