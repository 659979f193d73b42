import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { useT } from './i18n/i18n';

/** The frame of every page: its title (also the browser tab's) and its main actions. */
export function Page({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex wrap gap={8}>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
