import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance, FormItemProps } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { colon, useI18n } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { Page } from '../../app/Page';
import { LoadError } from '../../app/results';
import { useApi } from '../../app/use-api';
import { DeliveriesCard } from './DeliveriesCard';
import {
  getNotificationSettings,
  saveNotificationSettings,
  sendTestNotification,
} from './settings.api';
import type {
  Channel,
  NotificationSettings,
  NotificationSettingsInput,
  TestResult,
} from './settings.api';

interface Values {
  publicUrl: string;
  email: {
    enabled: boolean;
    host: string;
    port: number;
    secure: boolean;
    user: string;
    from: string;
    password: string;
    clearPassword: boolean;
  };
  wecom: { enabled: boolean; webhookUrl: string; clearWebhookUrl: boolean };
  dingtalk: {
    enabled: boolean;
    webhookUrl: string;
    clearWebhookUrl: boolean;
    secret: string;
    clearSecret: boolean;
  };
}

const HTTP_URL = /^https?:\/\/\S+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const CHANNEL_LABEL: Record<Channel, MessageKey> = {
  email: 'notifySettings.email',
  wecom: 'notifySettings.wecom',
  dingtalk: 'notifySettings.dingtalk',
};

function toValues(s: NotificationSettings): Values {
  return {
    publicUrl: s.publicUrl ?? '',
    email: {
      enabled: s.email.enabled,
      host: s.email.host ?? '',
      port: s.email.port,
      secure: s.email.secure,
      user: s.email.user ?? '',
      from: s.email.from ?? '',
      password: '',
      clearPassword: false,
    },
    wecom: { enabled: s.wecom.enabled, webhookUrl: '', clearWebhookUrl: false },
    dingtalk: {
      enabled: s.dingtalk.enabled,
      webhookUrl: '',
      clearWebhookUrl: false,
      secret: '',
      clearSecret: false,
    },
  };
}

/** A write-only field: typed replaces, empty keeps, "clear" removes. */
function secretValue(typed: string, clear: boolean): { value?: string | null } {
  if (clear) return { value: null };
  const value = typed.trim();
  return value ? { value } : {};
}

function toInput(v: Values): NotificationSettingsInput {
  const text = (s: string) => s.trim() || null;
  const password = secretValue(v.email.password, v.email.clearPassword);
  const wecomUrl = secretValue(v.wecom.webhookUrl, v.wecom.clearWebhookUrl);
  const dingUrl = secretValue(v.dingtalk.webhookUrl, v.dingtalk.clearWebhookUrl);
  const secret = secretValue(v.dingtalk.secret, v.dingtalk.clearSecret);
  return {
    publicUrl: text(v.publicUrl),
    email: {
      enabled: v.email.enabled,
      host: text(v.email.host),
      port: v.email.port,
      secure: v.email.secure,
      user: text(v.email.user),
      from: text(v.email.from),
      ...('value' in password ? { password: password.value } : {}),
    },
    wecom: {
      enabled: v.wecom.enabled,
      ...('value' in wecomUrl ? { webhookUrl: wecomUrl.value } : {}),
    },
    dingtalk: {
      enabled: v.dingtalk.enabled,
      ...('value' in dingUrl ? { webhookUrl: dingUrl.value } : {}),
      ...('value' in secret ? { secret: secret.value } : {}),
    },
  };
}

export default function NotificationSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [testing, setTesting] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [results, setResults] = useState<TestResult[] | null>(null);

  const load = useCallback((signal: AbortSignal) => getNotificationSettings(signal), []);
  const { data, error, loading, reload } = useApi(load);
  useEffect(() => {
    if (data) setSettings(data);
  }, [data]);
  useEffect(() => {
    if (settings) {
      form.setFieldsValue(toValues(settings));
      setDirty(false);
    }
  }, [settings, form]);

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      setSettings(await saveNotificationSettings(toInput(values)));
      setResults(null);
      void message.success(t('common.saved'));
    } catch (cause) {
      notifyError(cause);
    } finally {
      setSaving(false);
    }
  };

  const test = async () => {
    setTesting(true);
    try {
      setResults((await sendTestNotification(testTo.trim() || undefined)).results);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setTesting(false);
    }
  };

  const onValuesChange = (changed: Partial<Values>) => {
    setDirty(true);
    // The usual ports follow the TLS switch, unless someone chose another one.
    const secure = changed.email?.secure;
    if (secure === undefined) return;
    const port = form.getFieldValue(['email', 'port']) as number | null;
    if (secure && (port === 25 || port === 587)) form.setFieldValue(['email', 'port'], 465);
    if (!secure && port === 465) form.setFieldValue(['email', 'port'], 25);
  };

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!settings) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin spinning={loading} />
      </Flex>
    );
  }

  return (
    <Page
      title={t('notifySettings.title')}
      extra={
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => form.submit()}
          data-testid="notify-settings-save"
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        name="notification-settings"
        layout="vertical"
        onFinish={(values) => void onFinish(values)}
        onValuesChange={onValuesChange}
        scrollToFirstError
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('notifySettings.general')} style={{ height: '100%' }}>
              <Form.Item
                name="publicUrl"
                label={t('notifySettings.publicUrl')}
                extra={t('notifySettings.publicUrlHint')}
                rules={[{ pattern: HTTP_URL, message: t('notifySettings.urlInvalid') }]}
              >
                <Input placeholder="http://10.0.0.5:3000" maxLength={1000} inputMode="url" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <TestCard
              dirty={dirty}
              testing={testing}
              testTo={testTo}
              onTestTo={setTestTo}
              onTest={() => void test()}
              results={results}
              anyEnabled={
                settings.email.enabled || settings.wecom.enabled || settings.dingtalk.enabled
              }
            />
          </Col>
          <Col xs={24} xl={12}>
            <EmailCard form={form} settings={settings} />
          </Col>
          <Col xs={24} xl={12}>
            <Flex vertical gap={16}>
              <RobotCard form={form} channel="wecom" settings={settings} />
              <RobotCard form={form} channel="dingtalk" settings={settings} />
            </Flex>
          </Col>
        </Row>
      </Form>
      <div style={{ marginTop: 16 }}>
        <DeliveriesCard />
      </div>
    </Page>
  );
}

function EnabledSwitch({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  return (
    <Form.Item name={[channel, 'enabled']} valuePropName="checked" noStyle>
      <Switch
        checkedChildren={t('notifySettings.on')}
        unCheckedChildren={t('notifySettings.off')}
        aria-label={t('notifySettings.enable', { channel: t(CHANNEL_LABEL[channel]) })}
        data-testid={`notify-${channel}-enabled`}
      />
    </Form.Item>
  );
}

/** Required while the channel is on, unless a stored value is kept. */
function requiredWhenOn(
  form: FormInstance<Values>,
  channel: Channel,
  message: string,
  stored?: { isSet: boolean; clearField: string },
): NonNullable<FormItemProps['rules']>[number] {
  return {
    validator: async (_rule, value: unknown) => {
      const section = (form.getFieldsValue(true) as Partial<Values>)[channel] as
        Record<string, unknown> | undefined;
      const on = section?.enabled === true;
      const typed = typeof value === 'string' && value.trim() !== '';
      const kept = stored !== undefined && stored.isSet && section?.[stored.clearField] !== true;
      if (on && !typed && !kept) throw new Error(message);
      return Promise.resolve();
    },
  };
}

function SecretLabel({ label, isSet }: { label: string; isSet: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={8}>
      {label}
      {isSet ? <Tag color="success">{t('notifySettings.isSet')}</Tag> : null}
    </Space>
  );
}

function EmailCard({
  form,
  settings,
}: {
  form: FormInstance<Values>;
  settings: NotificationSettings;
}) {
  const { t } = useI18n();
  const s = settings.email;
  return (
    <Card title={t('notifySettings.email')} extra={<EnabledSwitch channel="email" />}>
      <Typography.Paragraph type="secondary">{t('notifySettings.emailHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item
            name={['email', 'host']}
            label={t('notifySettings.smtpHost')}
            dependencies={[['email', 'enabled']]}
            rules={[requiredWhenOn(form, 'email', t('notifySettings.smtpHostRequired'))]}
          >
            <Input placeholder="smtp.example.gov.cn" maxLength={253} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name={['email', 'port']}
            label={t('notifySettings.smtpPort')}
            rules={[{ required: true, message: t('notifySettings.smtpPortRequired') }]}
          >
            <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['email', 'secure']}
        label={t('notifySettings.smtpSecure')}
        valuePropName="checked"
        extra={t('notifySettings.smtpSecureHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name={['email', 'from']}
        label={t('notifySettings.smtpFrom')}
        dependencies={[['email', 'enabled']]}
        rules={[
          requiredWhenOn(form, 'email', t('notifySettings.smtpFromRequired')),
          { pattern: EMAIL, message: t('notifySettings.emailInvalid') },
        ]}
      >
        <Input placeholder="yuqing@example.gov.cn" maxLength={254} inputMode="email" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['email', 'user']}
            label={t('notifySettings.smtpUser')}
            extra={t('notifySettings.smtpUserHint')}
          >
            <Input maxLength={254} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['email', 'password']}
            label={<SecretLabel label={t('notifySettings.smtpPassword')} isSet={s.passwordSet} />}
            extra={s.passwordSet ? t('notifySettings.keepHint') : undefined}
          >
            <Input.Password
              autoComplete="new-password"
              maxLength={500}
              placeholder={s.passwordSet ? t('notifySettings.isSet') : ''}
            />
          </Form.Item>
          {s.passwordSet ? (
            <Form.Item name={['email', 'clearPassword']} valuePropName="checked">
              <Checkbox>{t('notifySettings.clearPassword')}</Checkbox>
            </Form.Item>
          ) : null}
        </Col>
      </Row>
    </Card>
  );
}

function RobotCard({
  form,
  channel,
  settings,
}: {
  form: FormInstance<Values>;
  channel: 'wecom' | 'dingtalk';
  settings: NotificationSettings;
}) {
  const { t } = useI18n();
  const s = settings[channel];
  const ding = settings.dingtalk;
  return (
    <Card title={t(CHANNEL_LABEL[channel])} extra={<EnabledSwitch channel={channel} />}>
      <Typography.Paragraph type="secondary">
        {t(channel === 'wecom' ? 'notifySettings.wecomHint' : 'notifySettings.dingtalkHint')}
      </Typography.Paragraph>
      <Form.Item
        name={[channel, 'webhookUrl']}
        label={<SecretLabel label={t('notifySettings.webhookUrl')} isSet={s.webhookUrlSet} />}
        extra={
          s.webhookUrlHint
            ? t('notifySettings.webhookCurrent', { hint: s.webhookUrlHint })
            : undefined
        }
        dependencies={[
          [channel, 'enabled'],
          [channel, 'clearWebhookUrl'],
        ]}
        rules={[
          { pattern: HTTP_URL, message: t('notifySettings.urlInvalid') },
          requiredWhenOn(form, channel, t('notifySettings.webhookRequired'), {
            isSet: s.webhookUrlSet,
            clearField: 'clearWebhookUrl',
          }),
        ]}
      >
        <Input.Password
          autoComplete="off"
          maxLength={1000}
          inputMode="url"
          placeholder={
            channel === 'wecom'
              ? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'
              : 'https://oapi.dingtalk.com/robot/send?access_token=…'
          }
        />
      </Form.Item>
      {s.webhookUrlSet ? (
        <Form.Item name={[channel, 'clearWebhookUrl']} valuePropName="checked">
          <Checkbox>{t('notifySettings.clearWebhook')}</Checkbox>
        </Form.Item>
      ) : null}
      {channel === 'dingtalk' ? (
        <>
          <Form.Item
            name={['dingtalk', 'secret']}
            label={
              <SecretLabel label={t('notifySettings.dingtalkSecret')} isSet={ding.secretSet} />
            }
            extra={t('notifySettings.dingtalkSecretHint')}
          >
            <Input.Password autoComplete="new-password" maxLength={500} placeholder="SEC…" />
          </Form.Item>
          {ding.secretSet ? (
            <Form.Item name={['dingtalk', 'clearSecret']} valuePropName="checked">
              <Checkbox>{t('notifySettings.clearSecret')}</Checkbox>
            </Form.Item>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

function TestCard({
  dirty,
  testing,
  testTo,
  onTestTo,
  onTest,
  results,
  anyEnabled,
}: {
  dirty: boolean;
  testing: boolean;
  testTo: string;
  onTestTo: (value: string) => void;
  onTest: () => void;
  results: TestResult[] | null;
  anyEnabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card title={t('notifySettings.test')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('notifySettings.testHint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Input
          value={testTo}
          onChange={(e) => onTestTo(e.target.value)}
          placeholder={t('notifySettings.testTo')}
          aria-label={t('notifySettings.testTo')}
          inputMode="email"
          maxLength={254}
          style={{ flex: '1 1 220px' }}
        />
        <Button
          icon={<SendOutlined />}
          loading={testing}
          disabled={dirty || !anyEnabled}
          onClick={onTest}
          data-testid="notify-test"
        >
          {t('notifySettings.sendTest')}
        </Button>
      </Flex>
      {dirty ? (
        <Typography.Text type="warning" style={{ display: 'block', marginTop: 8 }}>
          {t('notifySettings.saveFirst')}
        </Typography.Text>
      ) : !anyEnabled ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('notifySettings.noneEnabled')}
        </Typography.Text>
      ) : null}
      {results ? (
        <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="notify-test-results">
          {results.length === 0 ? (
            <Alert type="info" showIcon title={t('notifySettings.noneEnabled')} />
          ) : (
            results.map((r) => (
              <Alert
                key={r.channel}
                type={r.ok ? 'success' : 'error'}
                showIcon
                title={`${t(CHANNEL_LABEL[r.channel])}${colon()}${r.message}`}
              />
            ))
          )}
        </Flex>
      ) : null}
    </Card>
  );
}
