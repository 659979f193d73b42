import { Empty, Flex, List, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n/i18n';
import { LinkButton } from '../../../app/LinkButton';
import { UrgencyTag } from '../../analysis/CaseAnalysisCard';
import { searchPosts, type PostSummary } from '../../monitoring/monitoring.api';

/** How many posts the 待研判 tab lists; 舆情信息 has them all, with the batch actions. */
export const PENDING_LIMIT = 20;

export const PENDING_PATH = '/monitoring?review=pending';
export const PENDING_URGENT_PATH = '/monitoring?review=pending&urgent=true';

export interface PendingPosts {
  /** Every post waiting for 研判 (as 舆情信息 counts it: relevant originals, no mark, no case). */
  total: number;
  /** The total is the planner's estimate (thousands waiting). */
  estimated: boolean;
  urgent: number;
  /** The urgent ones first, then the newest, at most PENDING_LIMIT. */
  items: PostSummary[];
}

/** 待研判 for 我的待办: two searches of 舆情信息, all waiting and the urgent ones. */
export async function loadPendingPosts(signal: AbortSignal): Promise<PendingPosts> {
  const [all, urgent] = await Promise.all([
    searchPosts({ review: 'pending', page: 1, pageSize: PENDING_LIMIT }, signal),
    searchPosts({ review: 'pending', urgent: true, page: 1, pageSize: PENDING_LIMIT }, signal),
  ]);
  const shown = new Set(urgent.items.map((p) => p.id));
  const items = [...urgent.items, ...all.items.filter((p) => !shown.has(p.id))].slice(
    0,
    PENDING_LIMIT,
  );
  return { total: all.total, estimated: all.estimated, urgent: urgent.total, items };
}

/** The count as 舆情信息 shows it: 约 N past the exact window. */
export function usePendingCount(): (p: PendingPosts) => string {
  const { t, lang } = useI18n();
  return (p) =>
    p.estimated
      ? t('todo.postsAbout', { n: formatNumber(p.total, lang) })
      : formatNumber(p.total, lang);
}

function PendingPost({ post }: { post: PostSummary }) {
  const { t } = useI18n();
  return (
    <List.Item style={{ paddingInline: 4 }} data-testid="todo-post">
      <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{post.title ?? post.excerpt.slice(0, 40)}</Typography.Text>
          {post.url ? (
            <Typography.Link
              href={post.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('todo.postsOriginal')}
            >
              <LinkOutlined />
            </Typography.Link>
          ) : null}
          {post.signals.map((signal) => (
            <UrgencyTag key={signal.label} signal={signal} />
          ))}
        </Flex>
        <Typography.Text type="secondary" ellipsis>
          {post.excerpt}
        </Typography.Text>
        <Flex gap={12} wrap align="center">
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {post.source}
          </Tag>
          {post.category ? <Tag style={{ marginInlineEnd: 0 }}>{post.category}</Tag> : null}
          <Typography.Text type="secondary">{formatDateTime(post.postedAt)}</Typography.Text>
        </Flex>
      </Flex>
    </List.Item>
  );
}

/**
 * 待研判 in 我的待办: how many posts wait, the urgent ones first, and the way into 舆情信息 filtered
 * to 待研判, where they are marked in batches. Only for those who may mark them (posts.review).
 */
export function PendingPostsTab({ pending }: { pending: PendingPosts }) {
  const { t, lang } = useI18n();
  const count = usePendingCount();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('todo.postsHint')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <LinkButton to={PENDING_PATH} type="primary" data-testid="todo-posts-go">
          {t('todo.postsGo', { n: count(pending) })}
        </LinkButton>
        <LinkButton
          to={PENDING_URGENT_PATH}
          danger={pending.urgent > 0}
          data-testid="todo-posts-urgent"
        >
          {t('todo.postsUrgent', { n: formatNumber(pending.urgent, lang) })}
        </LinkButton>
      </Flex>
      {pending.total > pending.items.length ? (
        <Typography.Paragraph type="secondary">
          {t('todo.postsShown', { limit: pending.items.length })}
        </Typography.Paragraph>
      ) : null}
      <List
        dataSource={pending.items}
        rowKey="id"
        locale={{ emptyText: <Empty description={t('todo.postsEmpty')} /> }}
        renderItem={(post) => <PendingPost post={post} />}
      />
    </>
  );
}
