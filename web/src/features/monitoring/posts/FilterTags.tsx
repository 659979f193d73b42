import { Flex, Tag, Tooltip } from 'antd';
import { useT } from '../../../app/i18n/i18n';
import { POST_SENTIMENTS, SENTIMENT_LABELS } from '../monitoring.api';
import type { PostCategoryOption } from '../monitoring.api';

/** The filters a chart (舆情态势) put in the address, as the query string names them. */
export const CHART_PARAMS = ['category', 'sentiment', 'urgent', 'place', 'topic'] as const;
export type ChartParam = (typeof CHART_PARAMS)[number];

/**
 * The filters that came with a link from a chart, each a tag whose × drops it: urgency and place
 * have no field in the form, so the tags are the only place they show.
 */
export function FilterTags({
  params,
  categories,
  onRemove,
}: {
  params: URLSearchParams;
  categories: readonly PostCategoryOption[];
  onRemove: (param: ChartParam) => void;
}) {
  const t = useT();
  const text = (param: ChartParam, value: string): string => {
    switch (param) {
      case 'category': {
        const name = categories.find((c) => String(c.id) === value)?.name ?? `#${value}`;
        return t('posts.filterCategory', { name });
      }
      case 'sentiment': {
        const sentiment = POST_SENTIMENTS.find((s) => s === value);
        return t('posts.filterSentiment', {
          name: sentiment ? t(SENTIMENT_LABELS[sentiment]) : value,
        });
      }
      case 'urgent':
        return value === 'false' ? t('posts.filterNotUrgent') : t('posts.filterUrgent');
      case 'place':
        return t('posts.filterPlace', { name: value });
      case 'topic':
        return t('posts.filterTopic', { id: value });
    }
  };
  const set = CHART_PARAMS.flatMap((param) => {
    const value = params.get(param);
    return value ? [{ param, value }] : [];
  });
  if (set.length === 0) return null;
  return (
    <Tooltip title={t('posts.filterRemove')}>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="post-filter-tags">
        {set.map(({ param, value }) => (
          <Tag
            key={param}
            color="processing"
            closable
            onClose={(event) => {
              event.preventDefault();
              onRemove(param);
            }}
            data-testid={`post-filter-${param}`}
          >
            {text(param, value)}
          </Tag>
        ))}
      </Flex>
    </Tooltip>
  );
}
