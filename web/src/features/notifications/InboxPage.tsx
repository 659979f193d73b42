import { useCallback, useState } from 'react';
import type { KeyboardEvent } from 'react';
import {
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Pagination,
  Segmented,
  Spin,
  Tag,
  Typography,
  theme,
} from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { listInbox, markAllRead, markRead } from './inbox.api';
import type { InboxItem } from './inbox.api';
import { kindColor, kindLabel } from './kinds';
import { announceInboxChanged } from './use-unread-count';

type Filter = 'all' | 'unread';

export default function InboxPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const narrow = !Grid.useBreakpoint().md;
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) =>
      listInbox(
        {
          unread: filter === 'unread' ? true : undefined,
          page: page.page,
          pageSize: page.pageSize,
        },
        signal,
      ),
    [filter, page],
  );
  const { data, error, loading, reload } = useApi(load);
  const items = data?.items ?? [];
  const hasUnread = items.some((i) => i.readAt === null);

  const refresh = () => {
    announceInboxChanged();
    reload();
  };

  const open = async (item: InboxItem) => {
    try {
      if (item.readAt === null) {
        await markRead(item.id);
        announceInboxChanged();
      }
      if (item.link) void navigate(item.link);
      else reload();
    } catch (cause) {
      notifyError(cause);
    }
  };

  const readOne = async (item: InboxItem) => {
    try {
      await markRead(item.id);
      refresh();
    } catch (cause) {
      notifyError(cause);
    }
  };

  const readAll = async () => {
    setBusy(true);
    try {
      await markAllRead();
      refresh();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={t('inbox.title')}
      extra={
        <>
          <Segmented<Filter>
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: t('inbox.unread') },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            loading={busy}
            disabled={!hasUnread}
            onClick={() => void readAll()}
            data-testid="inbox-read-all"
          >
            {t('inbox.readAll')}
          </Button>
        </>
      }
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Spin spinning={loading}>
            {items.length === 0 && !loading ? (
              <Empty
                style={{ padding: 48 }}
                description={filter === 'unread' ? t('inbox.emptyUnread') : t('inbox.empty')}
              />
            ) : (
              <div role="list" data-testid="inbox-list">
                {items.map((item) => (
                  <InboxRow
                    key={item.id}
                    item={item}
                    narrow={narrow}
                    onOpen={() => void open(item)}
                    onRead={() => void readOne(item)}
                  />
                ))}
              </div>
            )}
          </Spin>
        </Card>
      )}
      {data && data.total > 0 ? (
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Pagination
            current={page.page}
            pageSize={page.pageSize}
            total={data.total}
            simple={narrow}
            showSizeChanger={!narrow}
            pageSizeOptions={[20, 50, 100]}
            showTotal={
              narrow
                ? undefined
                : (total) => t('common.total', { total: formatNumber(total, lang) })
            }
            onChange={(current, pageSize) =>
              setPage({ page: pageSize === page.pageSize ? current : 1, pageSize })
            }
          />
        </Flex>
      ) : null}
    </Page>
  );
}

function InboxRow({
  item,
  narrow,
  onOpen,
  onRead,
}: {
  item: InboxItem;
  narrow: boolean;
  onOpen: () => void;
  onRead: () => void;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const unread = item.readAt === null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen();
    }
  };
  return (
    <div
      role="listitem"
      data-testid="inbox-item"
      data-unread={unread ? 'true' : 'false'}
      style={{
        display: 'flex',
        gap: 12,
        alignItems: 'flex-start',
        padding: narrow ? '12px 12px' : '14px 20px',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: unread ? token.colorPrimaryBg : undefined,
      }}
    >
      <div style={{ paddingTop: 6, width: 8, flex: 'none' }}>
        {unread ? <Badge status="processing" aria-label={t('inbox.unread')} /> : null}
      </div>
      <div
        role="button"
        tabIndex={0}
        onClick={onOpen}
        onKeyDown={onKeyDown}
        style={{ flex: 1, minWidth: 0, cursor: 'pointer' }}
      >
        <Flex wrap align="center" gap={8} style={{ marginBottom: 4 }}>
          <Tag color={kindColor(item.kind)} style={{ marginInlineEnd: 0 }}>
            {kindLabel(t, item.kind)}
          </Tag>
          <Typography.Text strong={unread} style={{ fontSize: 15 }}>
            {item.title}
          </Typography.Text>
        </Flex>
        {item.body ? (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2 }}
            style={{ marginBottom: 4, whiteSpace: 'pre-line' }}
          >
            {item.body}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(item.createdAt)}
          {item.readAt ? ` · ${t('inbox.readAt', { time: formatDateTime(item.readAt) })}` : ''}
        </Typography.Text>
      </div>
      {unread ? (
        <Button
          size={narrow ? 'middle' : 'small'}
          type="link"
          onClick={onRead}
          style={{ flex: 'none' }}
          data-testid="inbox-mark-read"
        >
          {narrow ? <CheckOutlined aria-label={t('inbox.markRead')} /> : t('inbox.markRead')}
        </Button>
      ) : null}
    </div>
  );
}
