import { useState } from 'react';
import { Button, Card, DatePicker, Form, Grid, Input, Select, Space } from 'antd';
import { DownOutlined, ReloadOutlined, UpOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import { KNOWN_ACTIONS, actionLabel, entityTypeLabel } from '../../app/labels';
import { ENTITY_TYPES } from './audit.api';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

export function AuditFilters({
  onSearch,
  onRefresh,
}: {
  onSearch: (values: AuditFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [more, setMore] = useState(false);
  const showAll = Boolean(screens.md) || more;
  const item = { style: { marginBottom: 16 } };

  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<AuditFilterValues>
        layout="inline"
        name="audit-filters"
        onFinish={onSearch}
        onReset={() => onSearch({})}
      >
        <Form.Item name="actor" label={t('audit.actor')} {...item}>
          <Input placeholder={t('audit.actorPlaceholder')} allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')} hidden={!showAll} {...item}>
          <Select
            placeholder={t('audit.actionPlaceholder')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 170 }}
            options={KNOWN_ACTIONS.map((action) => ({
              value: action,
              label: actionLabel(t, action),
            }))}
          />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')} hidden={!showAll} {...item}>
          <Select
            placeholder={t('audit.entityTypePlaceholder')}
            allowClear
            style={{ width: 140 }}
            options={ENTITY_TYPES.map((type) => ({ value: type, label: entityTypeLabel(t, type) }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')} hidden={!showAll} {...item}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
          />
        </Form.Item>
        <Form.Item name="q" label={t('audit.keyword')} hidden={!showAll} {...item}>
          <Input placeholder={t('audit.keywordPlaceholder')} allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item {...item}>
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
            {screens.md ? null : (
              <Button
                type="link"
                icon={more ? <UpOutlined /> : <DownOutlined />}
                onClick={() => setMore(!more)}
              >
                {more ? t('common.collapseFilters') : t('common.expandFilters')}
              </Button>
            )}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
