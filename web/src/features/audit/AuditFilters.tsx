import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import { QueryForm, queryItem } from '../../app/QueryForm';
import { KNOWN_ACTIONS, actionLabel, entityTypeLabel } from '../../app/labels';
import { ENTITY_TYPES } from './audit.api';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

export function AuditFilters({
  values,
  onSearch,
  onRefresh,
}: {
  /** The filters in force, shown in the form. */
  values: AuditFilterValues;
  onSearch: (values: AuditFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  return (
    <QueryForm<AuditFilterValues>
      name="audit-filters"
      initialValues={values}
      onSearch={onSearch}
      onRefresh={onRefresh}
    >
      {(showAll) => (
        <>
          <Form.Item name="actor" label={t('audit.actor')} {...queryItem}>
            <Input placeholder={t('audit.actorPlaceholder')} allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')} hidden={!showAll} {...queryItem}>
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
          <Form.Item
            name="entityType"
            label={t('audit.entityType')}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              placeholder={t('audit.entityTypePlaceholder')}
              allowClear
              style={{ width: 140 }}
              options={ENTITY_TYPES.map((type) => ({
                value: type,
                label: entityTypeLabel(t, type),
              }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')} hidden={!showAll} {...queryItem}>
            <Input placeholder={t('audit.entityIdPlaceholder')} allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')} hidden={!showAll} {...queryItem}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
            />
          </Form.Item>
          <Form.Item name="q" label={t('audit.keyword')} hidden={!showAll} {...queryItem}>
            <Input placeholder={t('audit.keywordPlaceholder')} allowClear style={{ width: 180 }} />
          </Form.Item>
        </>
      )}
    </QueryForm>
  );
}
