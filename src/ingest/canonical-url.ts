/** Query parameters that only say how a reader arrived, not what the page is. */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'yclid',
  'msclkid',
  'spm',
  'from',
  'share_token',
  'share_from',
  'wfr',
  'isappinstalled',
  'scene',
  'clicktime',
  'enterid',
]);

/**
 * One spelling per page, so the same page found twice is recognised: lower-case scheme and host,
 * no default port, no fragment, no tracking parameters (utm_* and the usual click ids), the rest
 * of the query sorted. Returns null for what is not an http(s) URL.
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams.entries()]
    .filter(([key]) => !key.toLowerCase().startsWith('utm_') && !TRACKING.has(key.toLowerCase()))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = '';
  for (const [key, value] of kept) url.searchParams.append(key, value);
  // URL already lower-cases the host and drops a default port.
  let text = url.toString();
  if (url.pathname === '/' && !url.search) text = text.replace(/\/$/, '');
  return text;
}
