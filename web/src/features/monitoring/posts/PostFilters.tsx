import { DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../app/i18n/i18n';
import { QueryForm, queryItem } from '../../../app/QueryForm';
import { POST_SENTIMENTS, SENTIMENT_LABELS } from '../monitoring.api';
import type {
  PostCategoryOption,
  PostReviewFilter,
  PostSentiment,
  PostSourceOption,
} from '../monitoring.api';

export interface PostFilterValues {
  q?: string;
  source?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  relevant?: 'true' | 'false' | 'all';
  duplicates?: boolean;
  category?: number;
  sentiment?: PostSentiment;
  review?: PostReviewFilter | 'all';
  urgent?: boolean;
}

/** The query form above 舆情信息; on a phone only the keyword shows until expanded. */
export function PostFilters({
  initial,
  sources,
  categories,
  onSearch,
  onRefresh,
}: {
  initial: PostFilterValues;
  sources: readonly PostSourceOption[];
  categories: readonly PostCategoryOption[];
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
            name="review"
            label={t('posts.review')}
            initialValue={initial.review}
            {...queryItem}
          >
            <Select
              allowClear
              placeholder={t('posts.reviewAll')}
              style={{ width: 110 }}
              options={[
                { value: 'all', label: t('posts.reviewAll') },
                { value: 'pending', label: t('posts.reviewPending') },
                { value: 'read', label: t('posts.reviewRead') },
                { value: 'dismissed', label: t('posts.reviewDismissed') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="urgent"
            label={t('posts.urgentOnly')}
            valuePropName="checked"
            initialValue={initial.urgent}
            {...queryItem}
          >
            <Switch />
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
            name="category"
            label={t('posts.category')}
            initialValue={initial.category}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              allowClear
              placeholder={t('posts.categoryPlaceholder')}
              style={{ width: 150 }}
              options={categories.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item
            name="sentiment"
            label={t('posts.sentiment')}
            initialValue={initial.sentiment}
            hidden={!showAll}
            {...queryItem}
          >
            <Select
              allowClear
              placeholder={t('posts.sentimentPlaceholder')}
              style={{ width: 100 }}
              options={POST_SENTIMENTS.map((s) => ({
                value: s,
                label: t(SENTIMENT_LABELS[s]),
              }))}
            />
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
