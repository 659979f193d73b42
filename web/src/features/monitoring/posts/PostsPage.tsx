import { useCallback, useEffect, useMemo, useState } from 'react';
import dayjs from 'dayjs';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  List,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { FileAddOutlined, LikeOutlined, LinkOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { usePermission } from '../../../app/auth';
import { formatDateTime, formatNumber } from '../../../app/format';
import { colon, joinList, useI18n } from '../../../app/i18n/i18n';
import { useNotifyError } from '../../../app/notify';
import { Page } from '../../../app/Page';
import { LoadError } from '../../../app/results';
import { SENTIMENT_COLORS } from '../../analysis/analysis.api';
import { UrgencyTag } from '../../analysis/CaseAnalysisCard';
import { useApi } from '../../../app/use-api';
import {
  listPostCategories,
  listPostSources,
  POST_REVIEW_FILTERS,
  POST_SENTIMENTS,
  registerPost,
  reviewPosts,
  searchPosts,
  SEARCH_WINDOW,
  SENTIMENT_LABELS,
  type PostQuery,
  type PostReviewFilter,
  type PostSummary,
} from '../monitoring.api';
import { OpenIncidentFromPosts } from '../../incidents/OpenIncidentFromPosts';
import { collectedRange, FilterTags } from './FilterTags';
import { PostFilters } from './PostFilters';
import type { PostFilterValues } from './PostFilters';
import { MarkedTitle, Snippet, soughtTerms } from './Snippet';
import { wallDayRange } from '../../../app/wall-time';

type Filters = Omit<PostQuery, 'page' | 'pageSize' | 'sort'>;

const RELEVANT = ['true', 'false', 'all'] as const;
const day = (value: string | null) => {
  const d = value ? dayjs(value) : null;
  return d?.isValid() ? d : null;
};

/**
 * The filters live in the address (`/monitoring?q=噪音&source=source:3&from=2026-11-01`), so a
 * source's page, a chart or a colleague can link to the posts behind them.
 */
function valuesFromParams(params: URLSearchParams): PostFilterValues {
  const from = day(params.get('from'));
  const to = day(params.get('to'));
  const relevant = params.get('relevant');
  const category = Number(params.get('category'));
  const sentiment = params.get('sentiment');
  return {
    q: params.get('q') ?? undefined,
    source: params.get('source') ?? undefined,
    range: from || to ? [from, to] : null,
    relevant: RELEVANT.find((r) => r === relevant),
    duplicates: params.get('duplicates') === 'show' ? true : undefined,
    category: Number.isInteger(category) && category > 0 ? category : undefined,
    sentiment: POST_SENTIMENTS.find((s) => s === sentiment),
    review: POST_REVIEW_FILTERS.find((r) => r === params.get('review')),
    urgent: params.get('urgent') === 'true' ? true : undefined,
  };
}

/**
 * Filters a chart's link sets that the form has no field for: kept when the form searches.
 * 只看紧急 is in the form; a chart's "no urgency signal" (urgent=false) is not.
 */
function chartOnlyParams(params: URLSearchParams): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of ['place', 'topic', 'collected'] as const) {
    const value = params.get(key);
    if (value) kept[key] = value;
  }
  if (params.get('urgent') === 'false') kept.urgent = 'false';
  return kept;
}

function paramsFromValues(values: PostFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  const [start, end] = values.range ?? [null, null];
  if (values.q?.trim()) params.q = values.q.trim();
  if (values.source) params.source = values.source;
  if (start) params.from = start.format('YYYY-MM-DD');
  if (end) params.to = end.format('YYYY-MM-DD');
  if (values.relevant && values.relevant !== 'true') params.relevant = values.relevant;
  if (values.duplicates) params.duplicates = 'show';
  if (values.category) params.category = String(values.category);
  if (values.sentiment) params.sentiment = values.sentiment;
  if (values.review && values.review !== 'all') params.review = values.review;
  if (values.urgent) params.urgent = 'true';
  return params;
}

function toQuery(values: PostFilterValues, chart: Record<string, string>): Filters {
  const [start, end] = values.range ?? [null, null];
  return {
    q: values.q?.trim() || undefined,
    source: values.source || undefined,
    ...wallDayRange(start, end),
    relevant: values.relevant,
    duplicates: values.duplicates ? 'show' : undefined,
    category: values.category,
    sentiment: values.sentiment,
    review: values.review === 'all' ? undefined : values.review,
    urgent: values.urgent ? true : chart.urgent === 'false' ? false : undefined,
    place: chart.place,
    topic: /^\d+$/.test(chart.topic ?? '') ? Number(chart.topic) : undefined,
    ...collectedRange(chart.collected),
  };
}

/** 舆情信息: the collected posts, searched in Chinese, one click from becoming a case. */
export default function PostsPage() {
  const { t, lang } = useI18n();
  const has = usePermission();
  const canRegister = has('cases.register');
  const canReview = has('posts.review');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [searchParams, setSearchParams] = useSearchParams();
  const initial = useMemo(() => valuesFromParams(searchParams), [searchParams]);
  const chart = useMemo(() => chartOnlyParams(searchParams), [searchParams]);
  const filters = useMemo(() => toQuery(initial, chart), [initial, chart]);
  const { data: sources } = useApi(listPostSources);
  const { data: categories } = useApi(listPostCategories);
  const [sort, setSort] = useState<'time' | 'relevance' | undefined>(undefined);
  // The page number lives in the address with the filters: back from a post's case returns to it.
  const pageParam = Number(searchParams.get('page'));
  const pageNo = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const [pageSize, setPageSize] = useState(20);
  const page = useMemo(() => ({ page: pageNo, pageSize }), [pageNo, pageSize]);
  const goToPage = (next: number) => {
    const params = new URLSearchParams(searchParams);
    if (next > 1) params.set('page', String(next));
    else params.delete('page');
    setSearchParams(params);
  };
  const [registering, setRegistering] = useState<number | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => searchPosts({ ...filters, sort, ...page }, signal),
    [filters, sort, page],
  );
  const { data, error, loading, reload } = useApi(load);
  // A page past the end (a bookmark, fewer posts since) goes to the last page there is.
  const lastPage = data
    ? Math.max(1, Math.ceil(Math.min(data.total, SEARCH_WINDOW) / pageSize))
    : 1;
  useEffect(() => {
    if (data && data.items.length === 0 && pageNo > lastPage) {
      const params = new URLSearchParams(searchParams);
      if (lastPage > 1) params.set('page', String(lastPage));
      else params.delete('page');
      setSearchParams(params, { replace: true });
    }
  }, [data, pageNo, lastPage, searchParams, setSearchParams]);
  // The selection is of the rows on screen: after a new page, filter or reload it keeps only the
  // rows still shown. A search answered while the monitor ticks rows (the same rows) keeps them.
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [marking, setMarking] = useState(false);
  useEffect(
    () =>
      setSelected((prev) => {
        const shown = new Set((data?.items ?? []).map((p) => p.id));
        const kept = [...prev].filter((id) => shown.has(id));
        return kept.length === prev.size ? prev : new Set(kept);
      }),
    [data],
  );
  const onPage = data?.items ?? [];
  const allSelected = onPage.length > 0 && onPage.every((p) => selected.has(p.id));
  const toggle = (id: number, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const mark = async (review: PostReviewFilter) => {
    setMarking(true);
    try {
      const { updated } = await reviewPosts([...selected], review);
      void message.success(
        updated > 0 ? t('posts.marked', { n: formatNumber(updated, lang) }) : t('posts.markedNone'),
      );
      reload();
    } catch (cause) {
      notifyError(cause);
    } finally {
      setMarking(false);
    }
  };
  const effectiveSort = sort ?? (filters.q ? 'relevance' : 'time');
  const sought = useMemo(() => soughtTerms(filters.q), [filters.q]);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  // An empty list under the default filters may hide posts judged outside the jurisdiction (a
  // dictionary that misses the places they name): say how many, and where to look.
  const emptyDefault = data !== undefined && data.total === 0 && !filtered;
  const [irrelevant, setIrrelevant] = useState(0);
  useEffect(() => {
    setIrrelevant(0);
    if (!emptyDefault) return;
    const controller = new AbortController();
    searchPosts({ relevant: 'false', page: 1, pageSize: 1 }, controller.signal)
      .then((found) => setIrrelevant(found.total))
      .catch(() => undefined);
    return () => controller.abort();
  }, [emptyDefault]);

  const register = async (post: PostSummary) => {
    setRegistering(post.id);
    try {
      const created = await registerPost(post.id);
      void message.success(t('cases.registered', { id: created.id }));
      void navigate(`/cases/${created.id}`);
    } catch (cause) {
      notifyError(cause);
      reload();
    } finally {
      setRegistering(null);
    }
  };

  const actions = (post: PostSummary) => {
    if (post.caseId !== null) {
      return [
        <Link key="case" to={`/cases/${post.caseId}`} className="tap-target">
          {t('posts.viewCase', { id: post.caseId })}
        </Link>,
      ];
    }
    if (!canRegister) return [];
    return [
      <Button
        key="register"
        type="primary"
        ghost
        size="small"
        icon={<FileAddOutlined />}
        loading={registering === post.id}
        disabled={registering !== null && registering !== post.id}
        onClick={() => void register(post)}
      >
        {t('posts.register')}
      </Button>,
    ];
  };

  return (
    <Page title={t('posts.title')}>
      <PostFilters
        // A new address (a link, back, 重置) starts the form again from it.
        key={searchParams.toString()}
        initial={initial}
        sources={sources ?? []}
        categories={categories ?? []}
        onSearch={(values) => {
          setSearchParams({ ...paramsFromValues(values), ...chart });
        }}
        onRefresh={reload}
      />
      <FilterTags
        params={searchParams}
        categories={categories ?? []}
        onRemove={(param) => {
          const next = new URLSearchParams(searchParams);
          next.delete(param);
          next.delete('page');
          setSearchParams(next);
        }}
      />
      <Card
        title={
          data
            ? data.estimated
              ? t('posts.totalEstimated', {
                  total: formatNumber(data.total, lang),
                  window: formatNumber(SEARCH_WINDOW, lang),
                })
              : t('common.total', { total: formatNumber(data.total, lang) })
            : t('posts.results')
        }
        extra={
          <Space>
            <OpenIncidentFromPosts posts={data?.items ?? []} />
            <Typography.Text type="secondary">{t('posts.sort')}</Typography.Text>
            <Segmented<'time' | 'relevance'>
              value={effectiveSort}
              onChange={(value) => {
                setSort(value);
                goToPage(1);
              }}
              options={[
                { value: 'time', label: t('posts.sortTime') },
                { value: 'relevance', label: t('posts.sortRelevance'), disabled: !filters.q },
              ]}
            />
          </Space>
        }
      >
        {canReview && onPage.length > 0 ? (
          <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }} data-testid="posts-batch">
            <Checkbox
              checked={allSelected}
              indeterminate={selected.size > 0 && !allSelected}
              onChange={(e) =>
                setSelected(e.target.checked ? new Set(onPage.map((p) => p.id)) : new Set())
              }
            >
              {t('posts.selectPage')}
            </Checkbox>
            <Typography.Text type="secondary">
              {t('posts.selected', { n: formatNumber(selected.size, lang) })}
            </Typography.Text>
            <Button
              size="small"
              disabled={selected.size === 0}
              loading={marking}
              onClick={() => void mark('read')}
            >
              {t('posts.markRead')}
            </Button>
            <Button
              size="small"
              disabled={selected.size === 0}
              loading={marking}
              onClick={() => void mark('dismissed')}
            >
              {t('posts.markDismissed')}
            </Button>
            {filters.review === 'read' || filters.review === 'dismissed' ? (
              <Button
                size="small"
                disabled={selected.size === 0}
                loading={marking}
                onClick={() => void mark('pending')}
              >
                {t('posts.markPending')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <List<PostSummary>
            data-testid="posts-list"
            itemLayout="vertical"
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{
              emptyText: (
                <Empty
                  description={
                    filters.review === 'pending'
                      ? t('posts.noPending')
                      : filtered
                        ? t('posts.noMatch')
                        : irrelevant > 0
                          ? t('posts.emptyIrrelevant', { n: formatNumber(irrelevant, lang) })
                          : t('posts.empty')
                  }
                >
                  {!filtered && irrelevant > 0 ? (
                    <Space wrap>
                      <Button onClick={() => setSearchParams({ relevant: 'false' })}>
                        {t('posts.showIrrelevant')}
                      </Button>
                      {has('posts.dictionary') ? (
                        <Link to="/monitoring/dictionary">{t('posts.checkDictionary')}</Link>
                      ) : null}
                    </Space>
                  ) : null}
                </Empty>
              ),
            }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: Math.min(data?.total ?? 0, SEARCH_WINDOW),
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              onChange: (current, size) => {
                setPageSize(size);
                goToPage(size === page.pageSize ? current : 1);
              },
            }}
            renderItem={(post) => (
              <List.Item key={post.id} actions={actions(post)} data-testid="post-item">
                <Flex vertical gap={6}>
                  <Flex wrap gap={8} align="center">
                    {canReview ? (
                      <Checkbox
                        checked={selected.has(post.id)}
                        onChange={(e) => toggle(post.id, e.target.checked)}
                        aria-label={t('posts.selectPost', {
                          title: post.title ?? post.excerpt.slice(0, 40),
                        })}
                      />
                    ) : null}
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      <MarkedTitle text={post.title ?? post.excerpt.slice(0, 40)} terms={sought} />
                    </Typography.Text>
                    {post.url ? (
                      <Typography.Link
                        href={post.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="tap-target"
                        aria-label={t('cases.openOriginal')}
                      >
                        <LinkOutlined />
                      </Typography.Link>
                    ) : null}
                    {post.signals.map((signal) => (
                      <UrgencyTag key={signal.label} signal={signal} />
                    ))}
                    {post.duplicateOf !== null ? (
                      <Tag color="orange">{t('posts.duplicate', { id: post.duplicateOf })}</Tag>
                    ) : null}
                    {post.relevant ? null : <Tag>{t('posts.irrelevant')}</Tag>}
                    {post.review === 'read' ? (
                      <Tag color="default">{t('posts.reviewRead')}</Tag>
                    ) : post.review === 'dismissed' ? (
                      <Tag color="default">{t('posts.reviewDismissed')}</Tag>
                    ) : null}
                  </Flex>
                  <Snippet highlight={post.highlight} excerpt={post.excerpt} />
                  <Flex wrap gap={16}>
                    <Typography.Text type="secondary">
                      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                        {post.source}
                      </Tag>
                    </Typography.Text>
                    {post.category ? (
                      <Tag title={t('analysis.category')} style={{ marginInlineEnd: 0 }}>
                        {post.category}
                      </Tag>
                    ) : null}
                    {post.sentiment ? (
                      <Tag
                        color={SENTIMENT_COLORS[post.sentiment]}
                        title={t('analysis.sentiment')}
                        style={{ marginInlineEnd: 0 }}
                      >
                        {t(SENTIMENT_LABELS[post.sentiment])}
                      </Tag>
                    ) : null}
                    <Typography.Text type="secondary">
                      {formatDateTime(post.postedAt)}
                    </Typography.Text>
                    {post.author ? (
                      <Typography.Text type="secondary">
                        {t('posts.author')}
                        {colon()}
                        {post.author}
                      </Typography.Text>
                    ) : null}
                    {post.likes !== null ? (
                      <Typography.Text type="secondary">
                        <LikeOutlined /> {formatNumber(post.likes, lang)}
                      </Typography.Text>
                    ) : null}
                    {post.relevanceTerms.length > 0 ? (
                      <Typography.Text type="secondary">
                        {t('posts.matchedTerms')}
                        {colon()}
                        {joinList(post.relevanceTerms)}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Page>
  );
}
