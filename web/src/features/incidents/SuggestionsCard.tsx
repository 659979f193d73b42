import { useCallback, useState } from 'react';
import { Button, Card, Checkbox, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { LoadError } from '../../app/results';
import type { IncidentText } from './incident-text';
import { actOnPosts, listSuggestions, type IncidentDetail } from './incidents.api';
import { PostLine } from './PostLine';

const REASON_COLORS = { topic: 'purple', keywords: 'cyan', duplicate: 'orange' } as const;

/** 建议关联: new posts that look related, to link (关联) or dismiss (忽略), one or many at once. */
export function SuggestionsCard({
  incident,
  canAct,
  text,
  onChanged,
}: {
  incident: IncidentDetail;
  canAct: boolean;
  text: IncidentText;
  onChanged: (incident: IncidentDetail) => void;
}) {
  const notifyError = useNotifyError();
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  // The version is a dependency: every act on the incident refreshes the suggestions.
  const load = useCallback(
    (signal: AbortSignal) => listSuggestions(incident.id, signal),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incident.id, incident.version],
  );
  const { data, error, loading, reload } = useApi(load);

  const act = async (kind: 'suggestions/accept' | 'suggestions/dismiss', ids: number[]) => {
    setBusy(true);
    try {
      onChanged(await actOnPosts(incident.id, kind, incident.version, ids));
      setSelected([]);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setBusy(false);
    }
  };

  const items = data?.items ?? [];
  return (
    <Card
      size="small"
      title={
        <Space>
          {text('suggestions')}
          {data && data.total > 0 ? <Tag color="processing">{data.total}</Tag> : null}
        </Space>
      }
      extra={
        canAct && items.length > 0 ? (
          <Space>
            <Button
              size="small"
              type="primary"
              disabled={selected.length === 0}
              loading={busy}
              onClick={() => void act('suggestions/accept', selected)}
            >
              {text('acceptSelected')}
            </Button>
            <Button
              size="small"
              disabled={selected.length === 0}
              loading={busy}
              onClick={() => void act('suggestions/dismiss', selected)}
            >
              {text('dismissSelected')}
            </Button>
          </Space>
        ) : null
      }
      data-testid="incident-suggestions"
    >
      <Typography.Paragraph type="secondary">{text('suggestionsHint')}</Typography.Paragraph>
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <List
          loading={loading}
          dataSource={items}
          locale={{ emptyText: <Empty description={text('noSuggestions')} /> }}
          renderItem={(post) => (
            <List.Item
              key={post.id}
              data-testid="suggested-post"
              actions={
                canAct
                  ? [
                      <Button
                        key="accept"
                        type="link"
                        size="small"
                        disabled={busy}
                        onClick={() => void act('suggestions/accept', [post.id])}
                      >
                        {text('accept')}
                      </Button>,
                      <Button
                        key="dismiss"
                        type="link"
                        size="small"
                        disabled={busy}
                        onClick={() => void act('suggestions/dismiss', [post.id])}
                      >
                        {text('dismiss')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex gap={12} align="start" style={{ minWidth: 0 }}>
                {canAct ? (
                  <Checkbox
                    checked={selected.includes(post.id)}
                    onChange={(e) =>
                      setSelected((s) =>
                        e.target.checked ? [...s, post.id] : s.filter((id) => id !== post.id),
                      )
                    }
                  />
                ) : null}
                <PostLine
                  post={post}
                  text={text}
                  tags={post.reasons.map((r) => (
                    <Tag key={r} color={REASON_COLORS[r]}>
                      {text(`reason.${r}`)}
                    </Tag>
                  ))}
                />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
