export interface HighlightPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

function unescape(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
}

/**
 * The server's highlight (HTML-escaped text with <mark>…</mark>) as plain parts, so React
 * renders them as text: nothing in a post can become markup.
 */
export function highlightParts(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) parts.push({ text: unescape(html.slice(last, m.index)), marked: false });
    parts.push({ text: unescape(m[1] ?? ''), marked: true });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ text: unescape(html.slice(last)), marked: false });
  return parts;
}
