import { DatePicker, Form, Input, Select } from 'antd';
import { useT } from '../../../app/i18n/i18n';
import { rangePresets, type DateRange } from '../../stats/period';
import { QueryForm, queryItem } from '../../../app/QueryForm';
import type { Unit } from '../../org/units/units.api';
import { stateOptions } from '../case-labels';
import type { CaseState } from '../cases.api';
import { unitOptionGroups } from '../use-units';

export interface CaseFilterValues {
  q?: string;
  /** A state, or 'open': every state still owing the public reply. */
  state?: CaseState | 'open';
  unitId?: number;
  overdue?: 'yes' | 'no';
  urgent?: 'yes' | 'no';
  /** 签发日期: slips issued on these local days, both included. */
  assigned?: DateRange;
}

/** The query form above the case table; on a phone only the keyword shows until expanded. */
export function CaseFilters({
  initial = {},
  units,
  onSearch,
  onRefresh,
}: {
  /** The filters the list shows now (from the address), filled in when the form appears. */
  initial?: CaseFilterValues;
  units: Unit[];
  onSearch: (values: CaseFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  return (
    <QueryForm<CaseFilterValues> name="case-filters" onSearch={onSearch} onRefresh={onRefresh}>
      {(showAll) => (
        <>
          <Form.Item name="q" initialValue={initial.q} label={t('cases.keyword')} {...queryItem}>
            <Input placeholder={t('cases.keywordPlaceholder')} allowClear style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="state"
            initialValue={initial.state}
            label={t('cases.state')}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              placeholder={t('cases.statePlaceholder')}
              allowClear
              options={[{ value: 'open', label: t('cases.stateOpen') }, ...stateOptions(t)]}
              style={{ width: 150 }}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          {units.length > 0 ? (
            <Form.Item
              name="unitId"
              initialValue={initial.unitId}
              label={t('cases.unit')}
              hidden={!showAll}
              {...queryItem}
            >
              <Select
                placeholder={t('cases.unitPlaceholder')}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptionGroups(t, units)}
                style={{ width: 180 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="overdue"
            initialValue={initial.overdue}
            label={t('cases.overdue')}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              placeholder={t('common.all')}
              allowClear
              style={{ width: 110 }}
              options={[
                { value: 'yes', label: t('cases.overdueYes') },
                { value: 'no', label: t('cases.overdueNo') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="assigned"
            initialValue={initial.assigned}
            label={t('cases.assignedPeriod')}
            hidden={!showAll}
            {...queryItem}
          >
            <DatePicker.RangePicker
              presets={rangePresets(t)}
              style={{ maxWidth: 260 }}
              aria-label={t('cases.assignedPeriod')}
              data-testid="cases-assigned"
            />
          </Form.Item>
          <Form.Item
            name="urgent"
            initialValue={initial.urgent}
            label={t('cases.urgent')}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              placeholder={t('common.all')}
              allowClear
              style={{ width: 100 }}
              options={[
                { value: 'yes', label: t('cases.urgentYes') },
                { value: 'no', label: t('cases.urgentNo') },
              ]}
            />
          </Form.Item>
        </>
      )}
    </QueryForm>
  );
}
