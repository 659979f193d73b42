import { useCallback, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Pagination, Spin, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LinkButton } from '../../app/LinkButton';
import { errorMessage } from '../../app/api';
import { useT } from '../../app/i18n/i18n';
import { useApi } from '../../app/use-api';
import { listMessages, normaliseCode } from './board.api';
import { useBoard, useBoardTitle } from './BoardLayout';
import { MessageCard } from './MessageCard';

const PAGE_SIZE = 10;

/** /board: the messages with their answers, newest first; a way to write and to look one up. */
export default function BoardListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { boardTitle } = useBoard();
  useBoardTitle(boardTitle);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => listMessages({ q, page, pageSize: PAGE_SIZE }, signal),
    [q, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const lookup = (value: string) => {
    const code = normaliseCode(value);
    if (!code) {
      setLookupError(t('board.lookupEmpty'));
      return;
    }
    setLookupError(null);
    void navigate(`/board/m/${code}`);
  };
  const go = (next: { q?: string; page?: number }) => {
    const query = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) query.set('q', nq);
    if ((next.page ?? 1) > 1) query.set('page', String(next.page));
    setParams(query);
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('board.intro')}</Typography.Text>
          <Flex wrap gap={8}>
            <LinkButton
              to="/board/new"
              type="primary"
              size="large"
              icon={<EditOutlined />}
              style={{ flex: '0 0 auto' }}
            >
              {t('board.leaveMessage')}
            </LinkButton>
            <Input.Search
              size="large"
              style={{ flex: '1 1 220px', minWidth: 0 }}
              placeholder={t('board.lookupPlaceholder')}
              enterButton={t('board.lookup')}
              aria-label={t('board.lookupPlaceholder')}
              onSearch={lookup}
              allowClear
              data-testid="board-lookup"
            />
          </Flex>
          {lookupError ? <Typography.Text type="danger">{lookupError}</Typography.Text> : null}
        </Flex>
      </Card>

      <Input.Search
        key={q}
        defaultValue={q}
        placeholder={t('board.searchPlaceholder')}
        enterButton={t('board.search')}
        aria-label={t('board.search')}
        allowClear
        onSearch={(value) => go({ q: value.trim(), page: 1 })}
      />

      {error ? (
        <Alert
          type="error"
          showIcon
          message={errorMessage(error)}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
        />
      ) : null}

      <Spin spinning={loading}>
        {data && data.items.length === 0 ? (
          <Card>
            <Empty description={q ? t('board.noMatch', { q }) : t('board.empty')}>
              {!q ? (
                <LinkButton to="/board/new" type="primary">
                  {t('board.leaveMessage')}
                </LinkButton>
              ) : null}
            </Empty>
          </Card>
        ) : (
          <Flex vertical gap={12} style={{ minHeight: data ? 0 : 120 }}>
            {data?.items.map((m) => (
              <MessageCard key={m.id} message={m} />
            ))}
          </Flex>
        )}
      </Spin>

      {data && data.total > 0 ? (
        <Flex justify="center">
          <Pagination
            current={data.page}
            pageSize={PAGE_SIZE}
            total={data.total}
            showSizeChanger={false}
            showTotal={(total) => t('board.total', { total })}
            onChange={(p) => go({ page: p })}
            size="small"
          />
        </Flex>
      ) : null}
    </Flex>
  );
}
