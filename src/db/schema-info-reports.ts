import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

// Information reporting (0014): 舆情信息 briefs, their outcomes, monthly quotas, handover notes.

export type BriefSourceKind = 'post' | 'topic' | 'incident';
export type BriefStatus = 'draft' | 'reviewing' | 'approved' | 'submitted' | 'returned';
export type BriefOutcomeKind = 'adopted' | 'instruction';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface InfoBriefsTable {
  id: Generated<number>;
  title: string;
  body: string;
  source_kind: Nullable<BriefSourceKind>;
  source_id: Nullable<number>;
  author_id: number;
  unit_id: Nullable<number>;
  status: Generated<BriefStatus>;
  reviewed_by: Nullable<number>;
  reviewed_at: NullableTime;
  review_comment: Nullable<string>;
  issue_no: Nullable<number>;
  submitted_at: NullableTime;
  submitted_to: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface InfoBriefOutcomesTable {
  id: Generated<number>;
  brief_id: number;
  kind: BriefOutcomeKind;
  by_whom: string;
  level: string;
  note: Nullable<string>;
  recorded_by: Nullable<number>;
  recorded_at: Timestamp;
}

export interface InfoQuotasTable {
  id: Generated<number>;
  month: string;
  unit_id: Nullable<number>;
  user_id: Nullable<number>;
  quota: number;
  updated_by: Nullable<number>;
  updated_at: Timestamp;
}

export interface WatchHandoversTable {
  id: Generated<number>;
  watch_period_id: Nullable<number>;
  from_user: number;
  to_user: Nullable<number>;
  note: string;
  at: Timestamp;
}

export interface InfoReportTables {
  info_briefs: InfoBriefsTable;
  info_brief_outcomes: InfoBriefOutcomesTable;
  info_quotas: InfoQuotasTable;
  watch_handovers: WatchHandoversTable;
}
