import { useMemo, useState } from 'react';
import { Checkbox, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { useIncidentText } from './incident-text';
import {
  INCIDENT_LEVELS,
  listOwners,
  listTopics,
  openIncident,
  type IncidentLevel,
} from './incidents.api';
import { useReturnFocus } from '../../app/use-return-focus';

/** A post the modal may start from (the 舆情信息 page's current page). */
export interface PostChoice {
  id: number;
  title: string | null;
  excerpt: string;
  source: string;
  postedAt: string;
}

interface Values {
  title: string;
  level: IncidentLevel;
  ownerId: number;
  summary?: string;
  keywords?: string[];
  topicId?: number;
  postIds?: number[];
}

/**
 * 开启舆情事件 from a hot topic (fixed, or chosen from the hottest) or from posts the user
 * ticks; on success it opens the new incident's page.
 */
export function OpenIncidentModal({
  topic,
  posts,
  onClose,
}: {
  topic?: { id: number; label: string };
  posts?: PostChoice[];
  onClose: () => void;
}) {
  useReturnFocus();
  const text = useIncidentText();
  const me = useMe();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const fromPosts = posts !== undefined;
  const { data: owners } = useApi(listOwners);
  const { data: topics, loading: topicsLoading } = useApi(fromPosts || topic ? null : listTopics);
  const initial = useMemo<Partial<Values>>(
    () => ({ level: 'general', ownerId: me.id, title: topic?.label, topicId: topic?.id }),
    [me.id, topic],
  );

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const created = await openIncident({
        title: values.title,
        level: values.level,
        ownerId: values.ownerId,
        summary: values.summary?.trim() || undefined,
        keywords: values.keywords?.length ? values.keywords : undefined,
        ...(fromPosts ? { postIds: values.postIds ?? [] } : { topicId: values.topicId }),
      });
      onClose();
      void navigate(`/incidents/${created.id}`);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={text('openTitle')}
      okText={text('openIncident')}
      okButtonProps={{ loading: saving, 'data-testid': 'open-incident-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<Values>) => {
          // The first topic or post chosen names the incident, unless the user named it.
          if (form.isFieldTouched('title')) return;
          if (changed.topicId !== undefined) {
            const chosen = topics?.find((t) => t.id === changed.topicId);
            if (chosen) form.setFieldValue('title', chosen.label);
          }
          const first = changed.postIds?.[0];
          if (first !== undefined) {
            const post = posts?.find((p) => p.id === first);
            if (post) form.setFieldValue('title', post.title ?? post.excerpt.slice(0, 40));
          }
        }}
      >
        {fromPosts ? (
          <Form.Item
            name="postIds"
            label={text('openFromPostsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: text('postsRequired') }]}
          >
            <Checkbox.Group style={{ width: '100%' }}>
              <Flex vertical gap={6} style={{ maxHeight: 240, overflowY: 'auto', width: '100%' }}>
                {posts.map((p) => (
                  <Checkbox key={p.id} value={p.id} data-testid="open-incident-post">
                    <Typography.Text>{p.title ?? p.excerpt.slice(0, 40)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {p.source} · {formatDateTime(p.postedAt)}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
        ) : (
          <Form.Item
            name="topicId"
            label={text('topic')}
            rules={[{ required: true, message: text('topicRequired') }]}
          >
            {topic ? (
              <Select disabled options={[{ value: topic.id, label: topic.label }]} />
            ) : (
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={topicsLoading}
                notFoundContent={text('noTopics')}
                data-testid="open-incident-topic"
                options={(topics ?? []).map((t) => ({
                  value: t.id,
                  label: t.label,
                  size: t.size,
                }))}
                optionRender={(option) => (
                  <Flex justify="space-between" gap={8}>
                    <span>{option.label}</span>
                    <Typography.Text type="secondary">
                      {text('topicSize', { size: Number(option.data.size) })}
                    </Typography.Text>
                  </Flex>
                )}
              />
            )}
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={text('name')}
          rules={[{ required: true, whitespace: true, message: text('nameRequired') }]}
        >
          <Input maxLength={100} placeholder={text('namePlaceholder')} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="level" label={text('level')} style={{ minWidth: 160 }}>
            <Select
              data-testid="open-incident-level"
              options={INCIDENT_LEVELS.map((l) => ({ value: l, label: text(`level.${l}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="ownerId"
            label={text('owner')}
            rules={[{ required: true, message: text('ownerRequired') }]}
            style={{ minWidth: 200 }}
          >
            <Select options={(owners ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="summary" label={text('summary')}>
          <Input.TextArea
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={text('summaryPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="keywords" label={text('keywords')} extra={text('keywordsHint')}>
          {/* i18n-allow: a full-width comma typed in Chinese separates words too */}
          <Select mode="tags" maxCount={8} open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
