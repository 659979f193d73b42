import type { Translate } from '../../app/i18n/i18n';
import type { WatchKind, WatchStatus } from './watch.api';
import { joinList } from '../../app/i18n/i18n';

export const kindLabel = (t: Translate, kind: WatchKind) => t(`watch.kind.${kind}`);
export const statusLabel = (t: Translate, status: WatchStatus) => t(`watch.status.${status}`);

export const KIND_COLORS: Record<WatchKind, string> = {
  meeting: 'red',
  celebration: 'gold',
  project: 'blue',
  other: 'default',
};

export const STATUS_COLORS: Record<WatchStatus, string> = {
  active: 'green',
  upcoming: 'blue',
  ended: 'default',
};

/** Colours for the people of a roster, distinct from the red of an uncovered hour. */
const PALETTE = [
  '#1677ff',
  '#52c41a',
  '#722ed1',
  '#fa8c16',
  '#13c2c2',
  '#eb2f96',
  '#2f54eb',
  '#a0d911',
  '#faad14',
  '#08979c',
];

/** One colour per person, in the order they first appear on the roster. */
export function personColors(userIds: readonly number[]): Map<number, string> {
  const colors = new Map<number, string>();
  for (const id of userIds) {
    if (!colors.has(id)) colors.set(id, PALETTE[colors.size % PALETTE.length] ?? '#1677ff');
  }
  return colors;
}

/** Hours as the office reads them: [0,1,2,5] → "0–2、5". */
export function hoursText(hours: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (const h of [...hours, Number.NaN]) {
    if (start !== undefined && prev !== undefined && h === prev + 1) {
      prev = h;
      continue;
    }
    if (start !== undefined && prev !== undefined) {
      parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    }
    start = h;
    prev = h;
  }
  return joinList(parts);
}
