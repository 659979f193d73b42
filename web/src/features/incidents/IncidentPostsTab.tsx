import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Popconfirm, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { LoadError } from '../../app/results';
import { AddPostsModal } from './AddPostsModal';
import type { IncidentText } from './incident-text';
import { listLinkedPosts, removePosts, type IncidentDetail } from './incidents.api';
import { PostLine } from './PostLine';
import { SuggestionsCard } from './SuggestionsCard';
import { inParens } from '../../app/i18n/i18n';

/** 关联信息: the suggestions to review, then the linked posts, newest first. */
export function IncidentPostsTab({
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
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) => listLinkedPosts(incident.id, page, signal),
    // The version is a dependency: every act on the incident refreshes the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incident.id, incident.version, page],
  );
  const { data, error, loading, reload } = useApi(load);

  const remove = async (postId: number) => {
    try {
      onChanged(await removePosts(incident.id, incident.version, [postId]));
      void message.success(text('removed'));
    } catch (cause) {
      notifyError(cause);
    }
  };

  return (
    <Flex vertical gap={16}>
      {incident.status === 'open' ? (
        <SuggestionsCard incident={incident} canAct={canAct} text={text} onChanged={onChanged} />
      ) : null}
      <Card
        size="small"
        title={`${text('posts')}${inParens(data?.total ?? incident.postCount)}`}
        extra={
          canAct ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {text('addPosts')}
            </Button>
          ) : null
        }
      >
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <List
            loading={loading}
            dataSource={data?.items ?? []}
            data-testid="incident-posts"
            locale={{ emptyText: <Empty description={text('noPosts')} /> }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: data?.total ?? 0,
              size: 'small',
              hideOnSinglePage: true,
              onChange: (current, pageSize) => setPage({ page: current, pageSize }),
            }}
            renderItem={(post) => (
              <List.Item
                key={post.id}
                actions={
                  canAct
                    ? [
                        <Popconfirm
                          key="remove"
                          title={text('removeConfirm')}
                          onConfirm={() => void remove(post.id)}
                        >
                          <Button type="link" size="small" danger>
                            {text('remove')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <PostLine post={post} text={text} tags={<Tag>{text(`how.${post.how}`)}</Tag>} />
              </List.Item>
            )}
          />
        )}
      </Card>
      {adding ? (
        <AddPostsModal
          incident={incident}
          text={text}
          onClose={() => setAdding(false)}
          onDone={(updated) => {
            setAdding(false);
            onChanged(updated);
          }}
        />
      ) : null}
    </Flex>
  );
}
