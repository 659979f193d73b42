import { useCallback } from 'react';
import { useI18n, type Lang, type Vars } from '../../app/i18n/i18n';

/** The hot-topic pages' own words, beside them (the menu entry is in the app dictionaries). */
const zh = {
  title: '热点话题',
  topic: '话题',
  keywords: '关键词',
  size: '帖子数',
  likes: '点赞',
  heat: '热度',
  heatHint: '热度：每条帖子计 1 + ln(1+点赞数)，按发布时间每 3 天减半，合计后取 10×ln(1+合计)',
  burst: '突发',
  burstAt: '{time} 突发，{ratio} 倍于此前一周的日均',
  firstAt: '首帖',
  lastAt: '最后一帖',
  range: '时间范围',
  burstFilter: '突发',
  burstAll: '全部',
  burstOnly: '只看突发',
  minSize: '规模',
  minSizeValue: '≥ {n} 条',
  empty: '暂无热点话题',
  emptyHint: '新采集的信息入库时自动归入话题；同一事项有两条以上信息才列在这里',
  back: '返回热点话题',
  volume: '每日帖子数',
  volumeSeries: '帖子数',
  posts: '话题帖子',
  allPosts: '在舆情信息中查看',
  original: '原文',
  duplicate: '近似重复',
  notFound: '话题不存在',
  merged: '原话题 #{id} 已并入本话题，它的帖子、事件和舆情信息都在这里。',
} as const;

export type TopicTextKey = keyof typeof zh;

const en: Record<TopicTextKey, string> = {
  title: 'Hot topics',
  topic: 'Topic',
  keywords: 'Key words',
  size: 'Posts',
  likes: 'Likes',
  heat: 'Heat',
  heatHint:
    'Heat: each post counts 1 + ln(1 + likes), halving every 3 days after it was posted; heat is 10 × ln(1 + the sum)',
  burst: 'Burst',
  burstAt: 'Burst at {time}: {ratio} times the daily average of the week before',
  firstAt: 'First post',
  lastAt: 'Last post',
  range: 'Time range',
  burstFilter: 'Burst',
  burstAll: 'All',
  burstOnly: 'Bursts only',
  minSize: 'Size',
  minSizeValue: '≥ {n} posts',
  empty: 'No hot topics yet',
  emptyHint:
    'New posts join topics as they are stored; a matter with two posts or more is listed here',
  back: 'Back to hot topics',
  volume: 'Posts per day',
  volumeSeries: 'Posts',
  posts: 'Posts of the topic',
  allPosts: 'Open in posts search',
  original: 'Original',
  duplicate: 'Near-duplicate',
  notFound: 'No such topic',
  merged: 'Topic #{id} was merged into this one; its posts, incidents and briefs are here now.',
};

const TEXT: Record<Lang, Record<TopicTextKey, string>> = { zh, en };

export type TopicText = (key: TopicTextKey, vars?: Vars) => string;

export function useTopicText(): TopicText {
  const { lang } = useI18n();
  return useCallback(
    (key, vars) =>
      TEXT[lang][key].replace(/\{(\w+)\}/g, (match, name: string) =>
        vars && name in vars ? String(vars[name]) : match,
      ),
    [lang],
  );
}
