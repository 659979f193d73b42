import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Card,
  Descriptions,
  Empty,
  Flex,
  List,
  Pagination,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, LikeOutlined, LinkOutlined, SearchOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n';
import { Page } from '../../app/Page';
import { LoadError, NotFound } from '../../app/results';
import { useApi } from '../../app/use-api';
import { ApiError } from '../../app/api';
import { OpenIncidentButton } from '../incidents/OpenIncidentButton';
import { useTopicText } from './topic-text';
import { getTopic, topicPostsHref, type TopicPost } from './topics.api';
import { BurstTag, KeywordTags } from './TopicTags';
import { VolumeChart } from './VolumeChart';
import { LinkButton } from '../../app/LinkButton';

function PostItem({ post, text }: { post: TopicPost; text: ReturnType<typeof useTopicText> }) {
  return (
    <List.Item
      extra={
        post.likes ? (
          <Space size={4}>
            <LikeOutlined />
            {post.likes}
          </Space>
        ) : null
      }
    >
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <span>{post.title ?? post.excerpt.slice(0, 40)}</span>
            {post.duplicateOf !== null ? <Tag>{text('duplicate')}</Tag> : null}
          </Space>
        }
        description={
          <Space size={12} wrap>
            <span>{post.source}</span>
            <span>{formatDateTime(post.postedAt)}</span>
            {post.url ? (
              <a href={post.url} target="_blank" rel="noreferrer noopener" className="tap-target">
                <LinkOutlined /> {text('original')}
              </a>
            ) : null}
          </Space>
        }
      />
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
        {post.excerpt}
      </Typography.Paragraph>
    </List.Item>
  );
}

/** One hot topic: its key words and figures, its volume per day, and its posts, newest first. */
export default function TopicPage() {
  const { lang } = useI18n();
  const text = useTopicText();
  const id = Number(useParams().id);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const load = useCallback(
    (signal: AbortSignal) =>
      Number.isInteger(id) && id > 0
        ? getTopic(id, page, signal)
        : Promise.reject(new ApiError(404, 'NOT_FOUND', text('notFound'))),
    [id, page, text],
  );
  const { data, error, loading, reload } = useApi(load);
  const navigate = useNavigate();
  // A topic merged into another: its link leads to the survivor, which says where the reader came
  // from. Until the survivor's load starts, the error is still the merged topic's: not again.
  const merged =
    error instanceof ApiError && error.code === 'TOPIC_MERGED'
      ? error.details.mergedInto
      : undefined;
  const mergedInto = typeof merged === 'number' && merged !== id ? merged : undefined;
  useEffect(() => {
    if (mergedInto !== undefined)
      void navigate(`/monitoring/topics/${mergedInto}`, {
        replace: true,
        state: { mergedFrom: id },
      });
  }, [mergedInto, navigate, id]);
  const location = useLocation();
  const mergedFrom = (location.state as { mergedFrom?: unknown } | null)?.mergedFrom;

  if (merged !== undefined) return <Card loading />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  const back = (
    <LinkButton to="/monitoring/topics" icon={<ArrowLeftOutlined />}>
      {text('back')}
    </LinkButton>
  );
  if (!data) {
    return (
      <Page title={text('title')} extra={back}>
        {error ? <LoadError error={error} onRetry={reload} /> : <Card loading />}
      </Page>
    );
  }
  return (
    <Page
      title={data.label}
      extra={
        <>
          <LinkButton to={topicPostsHref(data.id)} icon={<SearchOutlined />}>
            {text('allPosts')}
          </LinkButton>
          <OpenIncidentButton topic={{ id: data.id, label: data.label }} />
          {back}
        </>
      }
    >
      {typeof mergedFrom === 'number' && mergedFrom !== data.id ? (
        <Alert
          type="info"
          showIcon
          message={text('merged', { id: mergedFrom })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Space wrap>
            <KeywordTags keywords={data.keywords} />
            <BurstTag burstAt={data.burstAt} burstRatio={data.burstRatio} text={text} />
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 5 }}>
            <Descriptions.Item label={text('size')}>
              {formatNumber(data.size, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={text('likes')}>
              {formatNumber(data.likes, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={text('heat')}>{data.heat.toFixed(1)}</Descriptions.Item>
            <Descriptions.Item label={text('firstAt')}>
              {formatDateTime(data.firstAt)}
            </Descriptions.Item>
            <Descriptions.Item label={text('lastAt')}>
              {formatDateTime(data.lastAt)}
            </Descriptions.Item>
          </Descriptions>
        </Flex>
      </Card>
      <Card title={text('volume')} style={{ marginBottom: 16 }}>
        <VolumeChart volume={data.volume} name={text('volumeSeries')} ariaLabel={text('volume')} />
      </Card>
      <Card title={text('posts')} loading={loading && !data.posts.items.length}>
        {data.posts.items.length === 0 ? (
          <Empty />
        ) : (
          <List<TopicPost>
            itemLayout="vertical"
            dataSource={data.posts.items}
            renderItem={(post) => <PostItem key={post.id} post={post} text={text} />}
            data-testid="topic-posts"
          />
        )}
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Pagination
            current={page.page}
            pageSize={page.pageSize}
            total={data.posts.total}
            showSizeChanger={false}
            onChange={(current) => setPage((p) => ({ ...p, page: current }))}
          />
        </Flex>
      </Card>
    </Page>
  );
}
