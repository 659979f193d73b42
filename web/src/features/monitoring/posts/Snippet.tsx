import { Typography } from 'antd';
import { highlightParts } from './highlight';

/** The matched words marked, rendered as text (never as HTML). */
export function Snippet({ highlight, excerpt }: { highlight: string | null; excerpt: string }) {
  if (!highlight) {
    return (
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
        {excerpt}
      </Typography.Paragraph>
    );
  }
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="post-highlight">
      {highlightParts(highlight).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </Typography.Paragraph>
  );
}
