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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words a query asks for, as typed: not those after a minus, not `or`, quotes dropped. */
export function soughtTerms(q: string | undefined): string[] {
  if (!q) return [];
  const terms = [...q.matchAll(/(-?)"([^"]*)"|(\S+)/g)]
    .filter((m) => m[1] !== '-' && !m[3]?.startsWith('-') && m[3]?.toLowerCase() !== 'or')
    .map((m) => (m[2] ?? m[3] ?? '').trim())
    .filter(Boolean);
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/** A post's title with the words sought marked, as its text is. */
export function MarkedTitle({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const parts = text.split(new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'gi'));
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>,
      )}
    </>
  );
}
