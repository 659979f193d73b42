import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { FullPageSpin } from '../../app/guards';
import type { LoginLocationState } from '../../app/guards';
import { useT } from '../../app/i18n/i18n';
import { AuthScreen } from './AuthScreen';

interface Values {
  username: string;
  password: string;
}

function safeTarget(from: string | undefined): string {
  // Only paths of this application; never /login itself.
  return from?.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const t = useT();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const locationState = (location.state ?? {}) as LoginLocationState;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('login.title')} - ${t('app.name')}`;
  }, [t]);

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated' && !submitting) {
    return <Navigate to={safeTarget(locationState.from)} replace />;
  }

  const onFinish = async ({ username, password }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      // A user who must change the password gets that form at '/' before anything else.
      void navigate(me.mustChangePassword ? '/' : safeTarget(locationState.from), {
        replace: true,
      });
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSubmitting(false);
    }
  };

  const notice =
    locationState.reason === 'expired'
      ? t('login.sessionEnded')
      : locationState.reason === 'password-changed'
        ? t('password.reloginNeeded')
        : null;

  return (
    <AuthScreen>
      <Form<Values>
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values) => void onFinish(values)}
        onValuesChange={() => setError(null)}
        aria-label={t('login.title')}
      >
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />
        ) : notice ? (
          <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthScreen>
  );
}
