import type { Segmenter } from '../../ingest/segment.js';

/**
 * A user's query in websearch_to_tsquery syntax over segmented words: each term is cut by the
 * same segmenter as the posts, so 噪音扰民 finds posts indexed as 噪音 扰民. Quoted phrases stay
 * phrases, a leading minus excludes, `or` alternates. Empty when nothing searchable is left.
 */
export function toSearchQuery(q: string, seg: Segmenter): string {
  const parts: string[] = [];
  for (const m of q.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    if (m[3] !== undefined && m[3].toLowerCase() === 'or') {
      if (parts.length > 0) parts.push('or');
      continue;
    }
    const negate = m[1] === '-' || (m[3]?.startsWith('-') ?? false);
    const words = seg.words((m[2] ?? m[3] ?? '').replace(/^-/, ''));
    if (words.length === 0) continue;
    if (m[2] !== undefined) parts.push(`${negate ? '-' : ''}"${words.join(' ')}"`);
    else if (negate) parts.push(...words.map((w) => `-${w}`));
    else parts.push(...words);
  }
  while (parts[parts.length - 1] === 'or') parts.pop();
  return parts.join(' ');
}

export const MARK_START = '\ue000';
export const MARK_END = '\ue001';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const isAsciiWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/**
 * ts_headline works on the segmented text, whose words are joined by spaces: join them back
 * (keeping a space only between two Latin words), escape, and turn the markers into <mark>.
 */
export function renderHighlight(headline: string): string {
  const chars = [...headline];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c !== ' ') {
      out += c ?? '';
      continue;
    }
    let l = i - 1;
    while (l >= 0 && (chars[l] === MARK_START || chars[l] === MARK_END)) l--;
    let r = i + 1;
    while (r < chars.length && (chars[r] === MARK_START || chars[r] === MARK_END)) r++;
    if (isAsciiWordChar(chars[l]) && isAsciiWordChar(chars[r])) out += ' ';
  }
  return escapeHtml(out).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
