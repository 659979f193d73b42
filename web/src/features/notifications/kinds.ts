import type { Translate } from '../../app/i18n/i18n';
import { isMessageKey } from '../../app/i18n/i18n';

/** The label of a notification kind (case.registered → 新办件); unknown kinds say 通知. */
export function kindLabel(t: Translate, kind: string): string {
  const key = `notificationKind.${kind}`;
  return isMessageKey(key) ? t(key) : t('notificationKind.other');
}

const COLORS: Record<string, string> = {
  'case.overdue': 'red',
  'post.urgent': 'red',
  'case.due-soon': 'orange',
  'case.returned': 'volcano',
  'case.slip-returned': 'volcano',
  'case.slip-withdrawn': 'volcano',
  'case.co-declined': 'volcano',
  'case.urged': 'magenta',
  'case.postponed': 'cyan',
  'case.registered': 'blue',
  'case.assigned': 'geekblue',
};

export function kindColor(kind: string): string {
  return COLORS[kind] ?? 'default';
}
