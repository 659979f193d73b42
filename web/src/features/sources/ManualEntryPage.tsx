import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Typography,
} from 'antd';
import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { usePermission } from '../../app/auth';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { useApi } from '../../app/use-api';
import { registerPost } from '../monitoring/monitoring.api';
import { enterPost, listSources } from './sources.api';
import type { ManualPostResult } from './sources.api';
import { fromWall, wallNow } from '../../app/wall-time';

interface Values {
  title: string;
  body: string;
  url?: string;
  author?: string;
  postedAt: Dayjs;
  /** An existing manual source's name or a new one (created on first use). */
  sourceName?: string;
}

const ALERT_TYPE: Record<ManualPostResult['outcome'], 'success' | 'warning' | 'info' | 'error'> = {
  new: 'success',
  nearDuplicate: 'info',
  duplicateUrl: 'warning',
  duplicateText: 'warning',
  empty: 'error',
};

/** 人工录入: one message typed in, through the same pipeline as fetched posts. */
export default function ManualEntryPage() {
  const t = useT();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<ManualPostResult | null>(null);
  const loadSources = useCallback(
    (signal: AbortSignal) => listSources({ kind: 'manual', page: 1, pageSize: 100 }, signal),
    [],
  );
  const sources = useApi(loadSources);
  const canRegister = usePermission()('cases.register');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [registering, setRegistering] = useState(false);

  // A message taken down from a call or a letter is usually a case at once: 登记为办件 from here.
  const register = async (postId: number) => {
    setRegistering(true);
    try {
      const created = await registerPost(postId);
      void message.success(t('cases.registered', { id: created.id }));
      void navigate(`/cases/${created.id}`);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setRegistering(false);
    }
  };
  const registrable =
    result && canRegister && result.postId !== null && result.outcome !== 'empty'
      ? result.postId
      : null;

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      const answer = await enterPost({
        title: values.title.trim(),
        body: values.body.trim(),
        url: values.url?.trim() || null,
        author: values.author?.trim() || null,
        postedAt: fromWall(values.postedAt),
        ...(values.sourceName?.trim() ? { sourceName: values.sourceName.trim() } : {}),
      });
      setResult(answer);
      if (answer.outcome === 'new' || answer.outcome === 'nearDuplicate') {
        form.resetFields(['title', 'body', 'url', 'author']);
        sources.reload();
      }
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page title={t('sources.entry.title')}>
      <Card style={{ maxWidth: 860 }}>
        <Typography.Paragraph type="secondary">{t('sources.entry.hint')}</Typography.Paragraph>
        {result ? (
          <Alert
            type={ALERT_TYPE[result.outcome]}
            showIcon
            closable={{ onClose: () => setResult(null) }}
            title={t(`sources.outcome.${result.outcome}`)}
            description={result.message}
            action={
              registrable !== null ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<FileAddOutlined />}
                  loading={registering}
                  onClick={() => void register(registrable)}
                  data-testid="entry-register"
                >
                  {t('posts.register')}
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="entry-result"
          />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          name="manual-entry"
          initialValues={{ postedAt: wallNow() }}
          onFinish={(values) => void onFinish(values)}
        >
          <Form.Item
            name="title"
            label={t('sources.entry.postTitle')}
            rules={[
              { required: true, whitespace: true, message: t('sources.entry.titleRequired') },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('sources.entry.body')}
            rules={[{ required: true, whitespace: true, message: t('sources.entry.bodyRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={20000} showCount />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="postedAt"
              label={t('sources.entry.postedAt')}
              rules={[{ required: true, message: t('sources.entry.postedAtRequired') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(d) => d.isAfter(wallNow().endOf('day'))}
              />
            </Form.Item>
            <Form.Item name="author" label={t('sources.entry.author')}>
              <Input maxLength={100} style={{ width: 200 }} />
            </Form.Item>
            {/* Free text: a new name (县长信箱, 12345 热线) makes a manual source of that name. */}
            <Form.Item
              name="sourceName"
              label={t('sources.entry.source')}
              extra={t('sources.entry.sourceHint')}
            >
              <AutoComplete
                allowClear
                style={{ width: 220 }}
                maxLength={60}
                placeholder={t('sources.entry.defaultSource')}
                options={(sources.data?.items ?? [])
                  .filter((s) => s.enabled)
                  .map((s) => ({ value: s.name }))}
                filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
              />
            </Form.Item>
          </Flex>
          <Form.Item
            name="url"
            label={t('sources.entry.url')}
            rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('sources.urlRequired') }]}
          >
            <Input placeholder="https://" maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<EditOutlined />} loading={saving}>
            {t('sources.entry.submit')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
