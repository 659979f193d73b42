import { List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import type { AlertText } from './alert-text';
import type { MatchedPost } from './alerts.api';
import { MarkedText } from './MarkedText';

const SENTIMENT_COLORS: Record<string, string> = {
  negative: 'red',
  neutral: 'default',
  positive: 'green',
};

const isSentiment = (s: string): s is 'negative' | 'neutral' | 'positive' =>
  s === 'negative' || s === 'neutral' || s === 'positive';

/** Posts a rule matched, the matched words marked, each with its original and its case. */
export function MatchedPostList({
  posts,
  text,
  empty,
  testId,
}: {
  posts: MatchedPost[];
  text: AlertText;
  empty: string;
  testId: string;
}) {
  return (
    <List
      data-testid={testId}
      dataSource={posts}
      locale={{ emptyText: empty }}
      renderItem={(post) => (
        <List.Item key={post.id} style={{ display: 'block' }}>
          <Space wrap size={8}>
            <Typography.Text strong>
              {post.title ? <MarkedText text={post.title} marks={post.titleMarks} /> : '—'}
            </Typography.Text>
            {post.sentiment ? (
              <Tag color={SENTIMENT_COLORS[post.sentiment] ?? 'default'}>
                {isSentiment(post.sentiment) ? text(`sentiment.${post.sentiment}`) : post.sentiment}
              </Tag>
            ) : null}
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0' }}>
            <MarkedText text={post.excerpt} marks={post.excerptMarks} />
          </Typography.Paragraph>
          <Space wrap size={12}>
            <Typography.Text type="secondary">{post.source}</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(post.postedAt)}</Typography.Text>
            {post.url ? (
              <Typography.Link
                href={post.url}
                target="_blank"
                rel="noopener noreferrer"
                className="tap-target"
              >
                {text('original')}
              </Typography.Link>
            ) : null}
            {post.caseId !== null ? (
              <Link to={`/cases/${post.caseId}`} className="tap-target">
                {text('viewCase', { id: post.caseId })}
              </Link>
            ) : null}
          </Space>
        </List.Item>
      )}
    />
  );
}
