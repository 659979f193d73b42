import { useState } from 'react';
import { Alert, AutoComplete, DatePicker, Form, Input, Modal, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../../app/api';
import { useT } from '../../../app/i18n/i18n';
import { registerCase } from '../cases.api';
import type { CaseDetail } from '../cases.api';
import { fromWall, wallNow } from '../../../app/wall-time';
import { useReturnFocus } from '../../../app/use-return-focus';

interface Values {
  source: string;
  url?: string;
  author?: string;
  postedAt: Dayjs;
  title?: string;
  body: string;
  contact?: string;
  urgent: boolean;
}

/** Sites a township's messages usually come from; any other name may be typed. */
const SOURCE_KEYS = [
  'cases.sourceOption.board',
  'cases.sourceOption.mayor',
  'cases.sourceOption.forum',
  'cases.sourceOption.weibo',
  'cases.sourceOption.wechat',
  'cases.sourceOption.hotline',
] as const;

const trimmed = (value: string | undefined) => value?.trim() || null;

/** 受理: a monitor records a citizen's message as a case. */
export function RegisterCaseModal({
  onClose,
  onRegistered,
}: {
  onClose: () => void;
  onRegistered: (detail: CaseDetail) => void;
}) {
  useReturnFocus();
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const detail = await registerCase({
        post: {
          source: values.source.trim(),
          url: trimmed(values.url),
          author: trimmed(values.author),
          postedAt: fromWall(values.postedAt),
          title: trimmed(values.title),
          body: values.body.trim(),
          contact: trimmed(values.contact),
        },
        urgent: values.urgent,
      });
      onRegistered(detail);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('cases.register')}
      okText={t('cases.registerSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        name="register-case"
        initialValues={{ postedAt: wallNow(), urgent: false }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item
          name="source"
          label={t('cases.source')}
          rules={[
            { required: true, whitespace: true, message: t('cases.sourceRequired') },
            { max: 100, message: t('cases.tooLong', { max: 100 }) },
          ]}
        >
          <AutoComplete
            options={SOURCE_KEYS.map((key) => ({ value: t(key) }))}
            placeholder={t('cases.sourcePlaceholder')}
            showSearch={{
              filterOption: (input, option) => (option?.value ?? '').includes(input.trim()),
            }}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('cases.url')}
          rules={[
            { type: 'url', message: t('cases.urlInvalid') },
            { max: 2000, message: t('cases.tooLong', { max: 2000 }) },
          ]}
        >
          <Input placeholder="https://" inputMode="url" />
        </Form.Item>
        <Form.Item
          name="author"
          label={t('cases.author')}
          rules={[{ max: 100, message: t('cases.tooLong', { max: 100 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="postedAt"
          label={t('cases.postedAt')}
          rules={[{ required: true, message: t('cases.postedAtRequired') }]}
          extra={t('cases.postedAtHint')}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(date) => date.isAfter(wallNow(), 'day')}
            style={{ width: '100%', maxWidth: 240 }}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('cases.caseTitle')}
          rules={[{ max: 200, message: t('cases.tooLong', { max: 200 }) }]}
          extra={t('cases.titleHint')}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('cases.body')}
          rules={[
            { required: true, whitespace: true, message: t('cases.bodyRequired') },
            { max: 20000, message: t('cases.tooLong', { max: 20000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('cases.contact')}
          extra={t('cases.contactHint')}
          rules={[{ max: 100, message: t('cases.tooLong', { max: 100 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="urgent"
          label={t('cases.urgent')}
          valuePropName="checked"
          extra={t('cases.urgentHint')}
        >
          <Switch checkedChildren={t('cases.urgentYes')} unCheckedChildren={t('cases.urgentNo')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
