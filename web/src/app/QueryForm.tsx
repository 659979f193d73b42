import { useState, type ReactNode } from 'react';
import { Button, Card, Form, Grid, Space } from 'antd';
import { DownOutlined, ReloadOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from './i18n/i18n';

/** Spacing for each Form.Item inside a QueryForm, so wrapped rows keep their gap. */
export const queryItem = { style: { marginBottom: 16 } };

/**
 * The query form above a list (DESIGN §9): fields, then 查询 / 重置 / 刷新. On a phone only the
 * first field shows until the user expands the rest; `children` gets whether to show them all.
 */
export function QueryForm<V extends object>({
  name,
  onSearch,
  onRefresh,
  collapsible = true,
  initialValues,
  children,
}: {
  name: string;
  onSearch: (values: V) => void;
  onRefresh: () => void;
  collapsible?: boolean;
  /** The filters in force (from the address): the form shows them after a reload or Back. */
  initialValues?: Partial<V>;
  children: (showAll: boolean) => ReactNode;
}) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [more, setMore] = useState(false);
  const showAll = !collapsible || Boolean(screens.md) || more;

  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<V>
        layout="inline"
        name={name}
        initialValues={initialValues}
        onFinish={onSearch}
        onReset={() => onSearch({} as V)}
      >
        {children(showAll)}
        <Form.Item {...queryItem}>
          <Space wrap>
            <Button type="primary" htmlType="submit">
              {t('common.query')}
            </Button>
            <Button htmlType="reset">{t('common.reset')}</Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={onRefresh}
              aria-label={t('common.refresh')}
            />
            {collapsible && !screens.md ? (
              <Button
                type="link"
                icon={more ? <UpOutlined /> : <DownOutlined />}
                onClick={() => setMore(!more)}
              >
                {more ? t('common.collapseFilters') : t('common.expandFilters')}
              </Button>
            ) : null}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
