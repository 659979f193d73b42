import { useEffect } from 'react';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useAuth, useMe } from '../../app/auth';
import { inParens, useT } from '../../app/i18n/i18n';
import { useNotifyError } from '../../app/notify';
import { AuthScreen } from './AuthScreen';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Shown instead of the whole application while the server says the password must change. */
export function ForcedPasswordPage() {
  const t = useT();
  const me = useMe();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  useEffect(() => {
    document.title = `${t('password.forcedTitle')} - ${t('app.name')}`;
  }, [t]);
  return (
    <AuthScreen>
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 20, lineHeight: 1.4 }}>
        {t('password.forcedTitle')}
      </Typography.Title>
      <Alert
        type="warning"
        showIcon
        title={t('password.forcedHint')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph type="secondary">
        {me.unitName ? `${me.unitName} · ` : ''}
        {me.name}
        {inParens(me.username)}
      </Typography.Paragraph>
      <ChangePasswordForm onDone={() => void message.success(t('password.changed'))} />
      <Flex justify="center" style={{ marginTop: 12 }}>
        <Button type="link" onClick={() => void logout().catch(notifyError)}>
          {t('menu.logout')}
        </Button>
      </Flex>
    </AuthScreen>
  );
}
