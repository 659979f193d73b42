import { Flex, Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../../app/format';
import { useT } from '../../../app/i18n/i18n';
import { POST_SENTIMENTS, SENTIMENT_LABELS } from '../monitoring.api';
import type { PostCategoryOption } from '../monitoring.api';

/** The filters a chart (舆情态势, a report) put in the address, as the query string names them. */
export const CHART_PARAMS = [
  'category',
  'sentiment',
  'urgent',
  'place',
  'topic',
  'collected',
] as const;

/**
 * A daily report counts posts by when they were collected (入库), over its span: its charts link
 * with `collected=START~END` (two instants), which the posts API takes as collectedFrom / To.
 */
export function collectedRange(value: string | undefined): {
  collectedFrom?: string;
  collectedTo?: string;
} {
  const [from, to] = (value ?? '').split('~');
  const instant = (s: string | undefined) =>
    s && !Number.isNaN(new Date(s).getTime()) ? new Date(s).toISOString() : undefined;
  const range = { collectedFrom: instant(from), collectedTo: instant(to) };
  return range.collectedFrom && range.collectedTo ? range : {};
}
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
      case 'collected': {
        const range = collectedRange(value);
        return t('posts.filterCollected', {
          from: formatDateTime(range.collectedFrom ?? null),
          to: formatDateTime(range.collectedTo ?? null),
        });
      }
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
