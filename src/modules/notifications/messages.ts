/** The text of outgoing messages: e-mail to one person, a robot's post to a whole group. */

export const SYSTEM_NAME = '网络舆情监测与办理系统';
const SUBJECT_PREFIX = '【舆情】';

/** The link to a page of the web app, when the deployment's public address is known. */
export function absoluteLink(publicUrl: string | null, link: string | null): string | null {
  if (!publicUrl || !link) return null;
  return publicUrl.replace(/\/+$/, '') + link;
}

export function emailMessage(input: {
  recipientName: string;
  title: string;
  body: string;
  url: string | null;
}): { subject: string; text: string } {
  const lines = [`${input.recipientName}，您好：`, '', input.body];
  if (input.url) lines.push('', `查看详情：${input.url}`);
  lines.push('', '——', `${SYSTEM_NAME}（此邮件由系统自动发送，请勿直接回复）`);
  return { subject: SUBJECT_PREFIX + input.title, text: lines.join('\n') };
}

/** Names of who was notified, shortened for a chat message: 张三、李四等 12 人. */
export function recipientSummary(names: readonly string[], max = 10): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等 ${names.length} 人`;
}

export function robotMessage(input: {
  title: string;
  body: string;
  recipientNames: readonly string[];
  url: string | null;
}): { subject: string; text: string } {
  const lines = [SUBJECT_PREFIX + input.title, input.body];
  if (input.recipientNames.length > 0) {
    lines.push(`通知对象：${recipientSummary(input.recipientNames)}`);
  }
  if (input.url) lines.push(`查看：${input.url}`);
  return { subject: SUBJECT_PREFIX + input.title, text: lines.join('\n') };
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character, marking the cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const mark = '…';
  const budget = maxBytes - Buffer.byteLength(mark, 'utf8');
  let used = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > budget) break;
    used += size;
    out += ch;
  }
  return out + mark;
}

export function truncateChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
