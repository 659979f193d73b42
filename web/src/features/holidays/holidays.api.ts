import { api } from '../../app/api';

export interface Festival {
  name: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** 调休上班 weekend days, YYYY-MM-DD. */
  workdays: string[];
}

export type HolidaySource = 'custom' | 'builtin' | 'none';

export interface HolidayYear {
  year: number;
  source: HolidaySource;
  festivals: Festival[];
  weekdaysOff: number;
  weekendsWorked: number;
  updatedAt: string | null;
}

export interface HolidayOverview {
  today: string;
  years: HolidayYear[];
  warning: string | null;
  missingYear: number | null;
  /** After an entry or its withdrawal: how many open cases' due times were put later. */
  postponed?: number;
}

export function getHolidays(signal?: AbortSignal): Promise<HolidayOverview> {
  return api<HolidayOverview>('/api/holidays', { signal });
}

export function saveHolidays(year: number, festivals: Festival[]): Promise<HolidayOverview> {
  return api<HolidayOverview>(`/api/holidays/${year}`, { method: 'PUT', body: { festivals } });
}

export function resetHolidays(year: number): Promise<HolidayOverview> {
  return api<HolidayOverview>(`/api/holidays/${year}`, { method: 'DELETE' });
}
