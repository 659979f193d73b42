import { Avatar, Button, Dropdown, Flex, Layout, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { InboxBell } from '../../features/notifications/InboxBell';
import { useAuth, useMe } from '../auth';
import { useT } from '../i18n/i18n';
import { useNotifyError } from '../notify';
import { LanguageSwitch } from './LanguageSwitch';

export function HeaderBar({ narrow, onOpenMenu }: { narrow: boolean; onOpenMenu: () => void }) {
  const t = useT();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const { token } = theme.useToken();

  const items: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('menu.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('menu.logout') },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/account/password');
    if (key === 'logout') logout().catch(notifyError);
  };

  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        padding: narrow ? '0 12px' : '0 24px',
        height: 56,
        lineHeight: '56px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 12,
        boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)',
      }}
    >
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {narrow ? (
          <>
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={onOpenMenu}
              aria-label={t('menu.open')}
            />
            <Typography.Text strong style={{ fontSize: 18 }}>
              {t('app.name')}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        )}
      </Flex>
      <Flex align="center" gap={narrow ? 4 : 12} style={{ minWidth: 0 }}>
        <InboxBell />
        <LanguageSwitch compact={narrow} />
        <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
          <Button type="text" data-testid="user-menu" style={{ maxWidth: narrow ? 160 : 360 }}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text ellipsis style={{ minWidth: 0 }}>
                {!narrow && me.unitName ? `${me.unitName} · ${me.name}` : me.name}
              </Typography.Text>
            </Flex>
          </Button>
        </Dropdown>
      </Flex>
    </Layout.Header>
  );
}
