/** The meta tag by which the web app learns the deployment's time zone (web/src/app/format.ts). */
const TIME_ZONE_META = /<meta\s+name="yuqing-time-zone"[^>]*>/;

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The web app's index.html as served: with the deployment's time zone (YUQING_TIME_ZONE) in its
 * `yuqing-time-zone` meta tag, so that every page shows and takes times on the deployment's clock
 * before any request is made. The tag is added to the head when the file has none.
 */
export function renderWebIndex(html: string, settings: { timeZone: string }): string {
  const tag = `<meta name="yuqing-time-zone" content="${escapeAttribute(settings.timeZone)}" />`;
  if (TIME_ZONE_META.test(html)) return html.replace(TIME_ZONE_META, tag);
  return html.includes('</head>') ? html.replace('</head>', `${tag}</head>`) : tag + html;
}
