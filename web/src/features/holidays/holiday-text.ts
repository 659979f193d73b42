import type { Translate } from '../../app/i18n/i18n';
import type { HolidayOverview } from './holidays.api';

/** What is missing, worded here from the year the server names (its own text is Chinese only). */
export function missingText(t: Translate, overview: HolidayOverview): string | null {
  if (overview.missingYear === null) return null;
  const thisYear = Number(overview.today.slice(0, 4));
  return (
    t('holidays.missing', { year: overview.missingYear }) +
    (overview.missingYear > thisYear ? t('holidays.missingNext') : '')
  );
}
