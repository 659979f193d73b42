import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useNotifyError } from '../../app/notify';
import { editBrief, writeBrief } from './info-reports.api';
import type { Brief } from './info-reports.api';
import { useInfoText } from './info-text';

/** Writes a new brief or edits a draft / returned one. */
export function BriefEditorModal({
  brief,
  open,
  onClose,
  onSaved,
}: {
  brief?: Brief;
  open: boolean;
  onClose: () => void;
  onSaved: (brief: Brief) => void;
}) {
  const text = useInfoText();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const saved = brief
        ? await editBrief(brief.id, { ...values, version: brief.version })
        : await writeBrief(values);
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={brief ? text('edit') : text('write')}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: brief?.title ?? '', body: brief?.body ?? '' }}
      >
        <Form.Item
          name="title"
          label={text('briefTitle')}
          rules={[{ required: true, whitespace: true, message: text('required') }]}
        >
          <Input maxLength={100} data-testid="brief-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={text('body')}
          rules={[{ required: true, whitespace: true, message: text('required') }]}
        >
          <Input.TextArea rows={12} maxLength={20000} data-testid="brief-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
