import { DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../app/i18n/i18n';
import { QueryForm, queryItem } from '../../../app/QueryForm';
import type { PostSourceOption } from '../monitoring.api';

export interface PostFilterValues {
  q?: string;
  source?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  relevant?: 'true' | 'false' | 'all';
  duplicates?: boolean;
}

/** The query form above 舆情信息; on a phone only the keyword shows until expanded. */
export function PostFilters({
  initial,
  sources,
  onSearch,
  onRefresh,
}: {
  initial: PostFilterValues;
  sources: readonly PostSourceOption[];
  onSearch: (values: PostFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  return (
    <QueryForm<PostFilterValues> name="post-filters" onSearch={onSearch} onRefresh={onRefresh}>
      {(showAll) => (
        <>
          <Form.Item name="q" label={t('posts.keyword')} initialValue={initial.q} {...queryItem}>
            <Input placeholder={t('posts.keywordPlaceholder')} allowClear style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="source"
            label={t('posts.source')}
            initialValue={initial.source}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('posts.sourcePlaceholder')}
              style={{ width: 200 }}
              options={sources.map((s) => ({
                value: s.key,
                label: s.enabled ? s.name : `${s.name}${t('posts.sourceDisabled')}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('posts.timeRange')}
            initialValue={initial.range}
            hidden={!showAll}
            {...queryItem}
          >
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item
            name="relevant"
            label={t('posts.relevance')}
            initialValue={initial.relevant ?? 'true'}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              style={{ width: 110 }}
              options={[
                { value: 'true', label: t('posts.relevantYes') },
                { value: 'false', label: t('posts.relevantNo') },
                { value: 'all', label: t('posts.relevantAll') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="duplicates"
            label={t('posts.showDuplicates')}
            valuePropName="checked"
            initialValue={initial.duplicates}
            hidden={!showAll}
            {...queryItem}
          >
            <Switch />
          </Form.Item>
        </>
      )}
    </QueryForm>
  );
}
