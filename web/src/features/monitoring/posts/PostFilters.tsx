import { DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../app/i18n/i18n';
import { QueryForm, queryItem } from '../../../app/QueryForm';

export interface PostFilterValues {
  q?: string;
  source?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  relevant?: 'true' | 'false' | 'all';
  duplicates?: boolean;
}

/** The query form above 舆情信息; on a phone only the keyword shows until expanded. */
export function PostFilters({
  onSearch,
  onRefresh,
}: {
  onSearch: (values: PostFilterValues) => void;
  onRefresh: () => void;
}) {
  const t = useT();
  return (
    <QueryForm<PostFilterValues> name="post-filters" onSearch={onSearch} onRefresh={onRefresh}>
      {(showAll) => (
        <>
          <Form.Item name="q" label={t('posts.keyword')} {...queryItem}>
            <Input placeholder={t('posts.keywordPlaceholder')} allowClear style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="source" label={t('posts.source')} hidden={!showAll} {...queryItem}>
            <Input placeholder={t('posts.sourcePlaceholder')} allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="range" label={t('posts.timeRange')} hidden={!showAll} {...queryItem}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item
            name="relevant"
            label={t('posts.relevance')}
            initialValue="true"
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
