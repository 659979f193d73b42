import { hanBigrams, type Segmenter } from '../../ingest/segment.js';

/** A run of two or more Han characters, which the index also holds as overlapping pairs. */
const HAN_ONLY = /^[\u4e00-\u9fff]{2,}$/;

/** A Han run as the phrase of its pairs the index holds (searchDocument): 路灯不亮 → "路灯 灯不 不亮". */
const hanPhrase = (run: string) => {
  const grams = hanBigrams(run);
  return grams.length === 1 ? (grams[0] as string) : `"${grams.join(' ')}"`;
};

/**
 * A user's query in websearch_to_tsquery syntax over the search index. A term of Han characters
 * only (学校, 路灯不亮) looks for its characters in a row, through the pairs the index holds, so it
 * is found inside longer words and whatever jieba made of the text; other terms are cut by the
 * same segmenter as the posts (G4高速 → g4 高速). Quoted phrases stay phrases, a leading minus
 * excludes, `or` alternates. Empty when nothing searchable is left.
 */
export function toSearchQuery(q: string, seg: Segmenter): string {
  const parts: string[] = [];
  for (const m of q.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    if (m[3] !== undefined && m[3].toLowerCase() === 'or') {
      if (parts.length > 0) parts.push('or');
      continue;
    }
    const negate = m[1] === '-' || (m[3]?.startsWith('-') ?? false);
    const raw = (m[2] ?? m[3] ?? '').replace(/^-/, '').trim();
    if (HAN_ONLY.test(raw)) {
      parts.push(`${negate ? '-' : ''}${hanPhrase(raw)}`);
      continue;
    }
    const words = seg.words(raw);
    if (words.length === 0) continue;
    if (m[2] !== undefined) parts.push(`${negate ? '-' : ''}"${words.join(' ')}"`);
    else if (negate) parts.push(...words.map((w) => `-${w}`));
    else parts.push(...words);
  }
  while (parts[parts.length - 1] === 'or') parts.pop();
  return parts.join(' ');
}

/** The words a query looks for (not those it excludes), longest first; Han pairs joined again. */
export function positiveTerms(tsq: string): string[] {
  const terms = new Set<string>();
  for (const m of tsq.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    if (m[1] === '-' || m[3]?.startsWith('-') || m[3]?.toLowerCase() === 'or') continue;
    const words = (m[2] ?? m[3] ?? '').split(' ').filter(Boolean);
    const pairs =
      words.length > 1 &&
      words.every(
        (w, i) => /^[\u4e00-\u9fff]{2}$/.test(w) && (i === 0 || words[i - 1]?.[1] === w[0]),
      );
    if (pairs)
      terms.add(
        words[0] +
          words
            .slice(1)
            .map((w) => w[1])
            .join(''),
      );
    else for (const w of words) terms.add(w);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Up to two fragments of the post's own text (punctuation and all) around the first matches,
 * HTML-escaped, with the query's words in <mark>…</mark>; null when no word occurs literally.
 */
export function highlightText(text: string, terms: readonly string[], context = 40): string | null {
  if (terms.length === 0) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'gi');
  const matches = [...flat.matchAll(pattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  if (matches.length === 0) return null;
  // Windows around the matches, merged when they touch; the first two are shown.
  const windows: { start: number; end: number }[] = [];
  for (const m of matches) {
    const start = Math.max(0, m.start - context);
    const end = Math.min(flat.length, m.end + context);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows
    .slice(0, 2)
    .map((w, i) => {
      let out = '';
      let at = w.start;
      for (const m of matches) {
        if (m.start < w.start || m.end > w.end) continue;
        out +=
          escapeHtml(flat.slice(at, m.start)) +
          `<mark>${escapeHtml(flat.slice(m.start, m.end))}</mark>`;
        at = m.end;
      }
      out += escapeHtml(flat.slice(at, w.end));
      const before = w.start > 0 && i === 0 ? '…' : '';
      const after = w.end < flat.length ? '…' : '';
      return before + out + after;
    })
    .join(' ');
}
