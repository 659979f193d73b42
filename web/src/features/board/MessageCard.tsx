import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import type { BoardStatus, PublicMessage } from './board.api';

const STATUS_COLOURS: Record<BoardStatus, string> = {
  submitted: 'default',
  received: 'blue',
  handling: 'orange',
  replied: 'green',
  closed: 'default',
};

/** One message with its answer; in the list the text is cut short and the title links on. */
export function MessageCard({ message, full }: { message: PublicMessage; full?: boolean }) {
  const t = useT();
  const title = full ? (
    message.title
  ) : (
    <Link to={`/board/p/${message.id}`} className="tap-target">
      {message.title}
    </Link>
  );
  return (
    <Card size="small" data-testid="board-message" styles={{ body: { padding: 16 } }}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Title
          level={2}
          style={{ margin: 0, fontSize: 16, lineHeight: 1.5, wordBreak: 'break-word' }}
        >
          {title}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[message.status]} style={{ marginInlineEnd: 0 }}>
          {t(`board.status.${message.status}`)}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('board.postedBy', {
          nickname: message.nickname,
          time: formatDateTime(message.postedAt),
        })}
      </Typography.Text>
      <Typography.Paragraph
        style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
        ellipsis={full ? false : { rows: 3 }}
      >
        {message.body}
      </Typography.Paragraph>
      {message.reply ? (
        <div
          data-testid="board-reply"
          style={{
            marginTop: 12,
            padding: 12,
            background: '#f6f8fa',
            borderLeft: '3px solid #52c41a',
            borderRadius: 4,
          }}
        >
          <Typography.Text strong>{t('board.reply', { unit: message.reply.unit })}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {formatDateTime(message.reply.at)}
          </Typography.Text>
          <Typography.Paragraph
            style={{
              marginTop: 6,
              marginBottom: 0,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
            }}
            ellipsis={full ? false : { rows: 4 }}
          >
            {message.reply.text}
          </Typography.Paragraph>
        </div>
      ) : full ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t(message.status === 'closed' ? 'board.closedNoReply' : 'board.noReplyYet')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
