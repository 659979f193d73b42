import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import type { IncidentText } from './incident-text';
import type { IncidentPost } from './incidents.api';

const SENTIMENT_COLORS = { negative: 'red', neutral: 'default', positive: 'green' } as const;

/** One post as the incident page lists it: title, excerpt, source, time, sentiment, its case. */
export function PostLine({
  post,
  text,
  tags,
}: {
  post: IncidentPost;
  text: IncidentText;
  tags?: ReactNode;
}) {
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{post.title ?? post.excerpt.slice(0, 40)}</Typography.Text>
        {post.url ? (
          <Typography.Link href={post.url} target="_blank" rel="noopener noreferrer">
            <LinkOutlined />
          </Typography.Link>
        ) : null}
        {tags}
      </Flex>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
        {post.excerpt}
      </Typography.Paragraph>
      <Flex wrap gap={12} align="center">
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {post.source}
        </Tag>
        <Typography.Text type="secondary">{formatDateTime(post.postedAt)}</Typography.Text>
        {post.sentiment ? (
          <Tag color={SENTIMENT_COLORS[post.sentiment]}>{text(`sentiment.${post.sentiment}`)}</Tag>
        ) : null}
        {post.caseId !== null ? (
          <Link to={`/cases/${post.caseId}`}>{text('viewCase', { id: post.caseId })}</Link>
        ) : null}
      </Flex>
    </Flex>
  );
}
