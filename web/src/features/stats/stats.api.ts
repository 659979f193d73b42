import { api, buildQuery } from '../../app/api';

/** Mirrors src/modules/cases/stats/unit-stats.ts. */
export interface UnitFigures {
  /** Slips issued to the unit in the period, as lead or co-unit. */
  received: number;
  onTime: number;
  /** The due time passed first: done late since, or still not done. */
  late: number;
  /** Open and not yet due. */
  pending: number;
  /** As lead unit, with an extension granted. */
  extended: number;
  /** Late, still not done, and still waited for. Part of `late`. */
  overdueNow: number;
  averageHours: number | null;
  /** On time ÷ (on time + late), in percent. */
  onTimeRate: number | null;
}

export interface UnitStatsRow extends UnitFigures {
  unitId: number;
  unitName: string;
  unitType: string;
}

export interface UnitStats {
  from: string;
  to: string;
  generatedAt: string;
  units: UnitStatsRow[];
  totals: UnitFigures;
}

export interface Period {
  from: string;
  to: string;
}

export function getUnitStats(period: Period, signal?: AbortSignal): Promise<UnitStats> {
  return api<UnitStats>('/api/stats/units', { query: { ...period }, signal });
}

/** The same ledger as an Excel file (台账), for a plain download link. */
export function unitStatsXlsxUrl(period: Period): string {
  return `/api/stats/units.xlsx${buildQuery({ ...period })}`;
}
