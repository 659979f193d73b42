import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { useT } from '../../app/i18n/i18n';

/** The centred card of the login and forced password screens, with the product's name. */
export function AuthScreen({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <Flex
      component="main"
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(180deg, #e6f0ff 0%, #f5f5f5 60%)',
        position: 'relative',
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" style={{ marginBottom: 24 }}>
        <Typography.Title level={1} style={{ margin: 0, letterSpacing: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 16 }}>
          {t('app.subtitle')}
        </Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 400 }}>{children}</Card>
    </Flex>
  );
}
