import { App, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { Page } from '../../app/Page';
import { useT } from '../../app/i18n/i18n';
import { ChangePasswordForm } from './ChangePasswordForm';

export default function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Page title={t('password.title')}>
      <Card>
        <ChangePasswordForm
          onDone={() => {
            void message.success(t('password.changed'));
            void navigate('/');
          }}
        />
      </Card>
    </Page>
  );
}
