import { useCallback, useState } from 'react';
import { App, Checkbox, Empty, Flex, Input, List, Modal, Tag } from 'antd';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { searchPosts } from '../monitoring/monitoring.api';
import type { IncidentText } from './incident-text';
import { actOnPosts, listLinkedPosts, type IncidentDetail } from './incidents.api';
import { PostLine } from './PostLine';
import { useReturnFocus } from '../../app/use-return-focus';

/** 添加信息: search the collected posts and link the ticked ones. */
export function AddPostsModal({
  incident,
  text,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  text: IncidentText;
  onClose: () => void;
  onDone: (incident: IncidentDetail) => void;
}) {
  useReturnFocus();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [q, setQ] = useState(incident.keywords.slice(0, 2).join(' '));
  const [selected, setSelected] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) =>
      searchPosts({ q: q || undefined, relevant: 'all', page: 1, pageSize: 20 }, signal),
    [q],
  );
  const { data, loading } = useApi(load);
  // The posts already linked are shown as such, not offered again (the server ignored them
  // silently, and 7 + 4 ticked became 10). The newest 200: a larger incident is rare.
  const loadLinked = useCallback(
    (signal: AbortSignal) => listLinkedPosts(incident.id, { page: 1, pageSize: 200 }, signal),
    [incident.id],
  );
  const linked = useApi(loadLinked);
  const linkedIds = new Set((linked.data?.items ?? []).map((p) => p.id));

  const submit = async () => {
    setSaving(true);
    try {
      onDone(await actOnPosts(incident.id, 'posts', incident.version, selected));
      void message.success(text('added'));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={text('addPosts')}
      okText={text('addSelected')}
      okButtonProps={{ disabled: selected.length === 0, loading: saving }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Input.Search
        defaultValue={q}
        placeholder={text('searchPosts')}
        allowClear
        enterButton
        onSearch={(value) => setQ(value.trim())}
        style={{ marginBottom: 12 }}
      />
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        locale={{ emptyText: <Empty /> }}
        renderItem={(post) => (
          <List.Item key={post.id}>
            <Flex gap={12} align="start" style={{ minWidth: 0 }}>
              <Checkbox
                checked={linkedIds.has(post.id) || selected.includes(post.id)}
                disabled={linkedIds.has(post.id)}
                onChange={(e) =>
                  setSelected((s) =>
                    e.target.checked ? [...s, post.id] : s.filter((id) => id !== post.id),
                  )
                }
              />
              <PostLine post={{ ...post, sentiment: null }} text={text} />
              {linkedIds.has(post.id) ? (
                <Tag style={{ flex: 'none' }} data-testid="already-linked">
                  {text('accepted')}
                </Tag>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
    </Modal>
  );
}
