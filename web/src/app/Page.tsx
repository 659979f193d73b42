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
        {/* The page's one h1 (WCAG 1.3.1: headings say the page's structure), drawn at h4's size. */}
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20, lineHeight: 1.4 }}>
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
