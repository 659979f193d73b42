import { useCallback, useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, List, Select, Typography } from 'antd';
import { usePermission } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { useNotifyError } from '../../app/notify';
import { useApi } from '../../app/use-api';
import { listUsers } from '../org/users/users.api';
import { addHandover, listHandovers } from './info-reports.api';
import { useInfoText } from './info-text';

/** 交接班记录 of a watch period: the outgoing watch writes, everyone on the page reads. */
export function HandoverCard({ watchPeriodId }: { watchPeriodId: number }) {
  const text = useInfoText();
  const has = usePermission();
  const notifyError = useNotifyError();
  const canWrite = has('watch.manage');
  const load = useCallback(
    (signal: AbortSignal) => listHandovers(watchPeriodId, signal),
    [watchPeriodId],
  );
  const { data, loading, reload } = useApi(load);
  const users = useApi(
    useCallback(
      (signal: AbortSignal) =>
        canWrite && has('users.read')
          ? listUsers({ role: 'monitor', pageSize: 200 }, signal)
          : Promise.resolve(null),
      [canWrite, has],
    ),
  );
  const [form] = Form.useForm<{ note: string; toUserId?: number }>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await addHandover({
        watchPeriodId,
        note: v.note,
        ...(v.toUserId ? { toUserId: v.toUserId } : {}),
      });
      form.resetFields();
      reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const items = data ?? [];
  return (
    <Card title={text('handovers')} style={{ marginTop: 16 }} data-testid="handover-card">
      {canWrite ? (
        <Form form={form} layout="vertical" style={{ marginBottom: 12 }}>
          <Form.Item
            name="note"
            label={text('handoverNote')}
            rules={[{ required: true, whitespace: true, message: text('required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="handover-note" />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item name="toUserId" noStyle>
              <Select
                allowClear
                style={{ minWidth: 200 }}
                placeholder={text('handoverTo')}
                options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Button type="primary" loading={saving} onClick={() => void save()}>
              {text('addHandover')}
            </Button>
          </Flex>
        </Form>
      ) : null}
      {items.length === 0 && !loading ? (
        <Empty description={text('noHandovers')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          loading={loading && items.length === 0}
          dataSource={items}
          renderItem={(h) => (
            <List.Item key={h.id}>
              <Flex vertical gap={2}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at)} ·{' '}
                  {h.toUser
                    ? text('handoverLine', { from: h.fromUser.name, to: h.toUser.name })
                    : h.fromUser.name}
                </Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{h.note}</span>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
