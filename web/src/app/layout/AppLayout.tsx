import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Layout, Menu, Spin, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { usePermission } from '../auth';
import { useT } from '../i18n/i18n';
import type { Translate } from '../i18n/i18n';
import type { Health } from '../types';
import { useApi } from '../use-api';
import { MAIN_ID, SkipLink } from '../SkipLink';
import { HeaderBar } from './HeaderBar';
import { NAV, selectedKey, visibleNav } from './nav';
import type { NavItem } from './nav';

const SIDER_WIDTH = 208;

function toMenuItems(items: NavItem[], t: Translate): NonNullable<MenuProps['items']> {
  return items.map((item) =>
    item.children
      ? {
          key: item.key,
          icon: item.icon,
          label: t(item.label),
          children: toMenuItems(item.children, t),
        }
      : { key: item.key, icon: item.icon, label: t(item.label) },
  );
}

export function AppLayout() {
  const t = useT();
  const has = usePermission();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  // Below the lg breakpoint the menu becomes an overlay opened from the header.
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const nav = useMemo(() => visibleNav(NAV, has), [has]);
  const items = useMemo(() => toMenuItems(nav, t), [nav, t]);
  const selected = selectedKey(nav, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>([]);
  // Open the submenu holding the current page, also when it was reached by a link.
  const parent = selected
    ? nav.find((item) => item.children?.some((c) => c.key === selected))
    : undefined;
  const parentKey = parent?.key;
  useEffect(() => {
    if (parentKey) setOpenKeys((keys) => (keys.includes(parentKey) ? keys : [...keys, parentKey]));
  }, [parentKey]);

  const loadHealth = useCallback(
    (signal: AbortSignal) => api<Health>('/api/health', { signal }),
    [],
  );
  const health = useApi(loadHealth).data;

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    void navigate(key);
    if (narrow) setCollapsed(true);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      {narrow && !collapsed ? (
        <div
          onClick={() => setCollapsed(true)}
          style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.45)', zIndex: 99 }}
        />
      ) : null}
      <Layout.Sider
        breakpoint="lg"
        width={SIDER_WIDTH}
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        trigger={narrow ? null : undefined}
        style={
          narrow
            ? { position: 'fixed', top: 0, bottom: 0, left: 0, zIndex: 100, overflow: 'auto' }
            : undefined
        }
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 8,
            color: '#fff',
          }}
        >
          <Typography.Text
            strong
            style={{ color: '#fff', fontSize: collapsed ? 18 : 20, letterSpacing: 2 }}
          >
            {collapsed ? t('app.name').slice(0, 1) : t('app.name')}
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={onMenuClick}
        />
      </Layout.Sider>
      <Layout>
        <HeaderBar narrow={narrow} onOpenMenu={() => setCollapsed(false)} />
        <Layout.Content id={MAIN_ID} tabIndex={-1} style={{ padding: narrow ? 12 : 24 }}>
          <Suspense
            fallback={
              <div style={{ textAlign: 'center', padding: 48 }}>
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer
          style={{ textAlign: 'center', fontSize: 12, color: token.colorTextTertiary, padding: 12 }}
        >
          {t('app.subtitle')}
          {health
            ? ` · ${t('app.footer', { version: health.version, db: health.db === 'pglite' ? 'PGlite' : 'PostgreSQL' })}`
            : null}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
