import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

// Incidents (0012): 舆情事件 with their posts, cases, timeline, assessments, measures and reports.

export type IncidentLevel = 'general' | 'major' | 'serious' | 'critical';
export type IncidentStatus = 'open' | 'closed';
export type IncidentPostHow = 'opened' | 'added' | 'suggested-accepted';
export type IncidentTrend = 'rising' | 'stable' | 'falling';
export type MeasureKind =
  | 'official_reply'
  | 'press_release'
  | 'clarification'
  | 'follow_up_monitoring'
  | 'meeting'
  | 'other';
export type IncidentReportKind = 'immediate' | 'closing';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as the value, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface IncidentsTable {
  id: Generated<number>;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  level: IncidentLevel;
  status: Generated<IncidentStatus>;
  owner_id: number;
  opened_by: number | null;
  opened_at: Timestamp;
  topic_id: Nullable<number>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  closed_at: NullableTime;
  closed_by: Nullable<number>;
  closing_report: Nullable<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface IncidentPostsTable {
  incident_id: number;
  post_id: number;
  added_by: number | null;
  added_at: Timestamp;
  how: IncidentPostHow;
}

export interface IncidentDismissedPostsTable {
  incident_id: number;
  post_id: number;
  dismissed_by: number | null;
  dismissed_at: Timestamp;
}

export interface IncidentCasesTable {
  incident_id: number;
  case_id: number;
  added_by: number | null;
  added_at: Timestamp;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: number;
  kind: string;
  text: string;
  actor_id: number | null;
  actor_name: string;
  at: Timestamp;
  data: ColumnType<unknown, string | null | undefined, string | null>;
}

/** The figures an assessment was made on, as they were then. */
export interface IncidentSnapshot {
  posts: number;
  /** Local days (deployment time zone), first to last post, every day present. */
  volume: { day: string; posts: number }[];
  sources: { source: string; posts: number }[];
  sentiment: { negative: number; neutral: number; positive: number; unknown: number };
  cases: number;
  firstPostAt: string | null;
  lastPostAt: string | null;
  /**
   * When the figures were taken (HH:mm local) if the last day of `volume` is that day, so not
   * over yet: a chart says 截至 rather than draw a falling line. Absent in older snapshots.
   */
  lastDayUntil?: string | null;
  /** Posts in the 24 hours before the figures were taken, and in the 24 hours before those. */
  last24h?: number;
  previous24h?: number;
  /** The trend those two say (suggestTrend): the assessment form's default. */
  suggestedTrend?: IncidentTrend;
}

export interface IncidentAssessmentsTable {
  id: Generated<number>;
  incident_id: number;
  at: Timestamp;
  assessor_id: number | null;
  judgement: string;
  trend: IncidentTrend;
  risk_level: IncidentLevel;
  snapshot: Json<IncidentSnapshot>;
}

export interface IncidentMeasuresTable {
  id: Generated<number>;
  incident_id: number;
  kind: MeasureKind;
  description: string;
  taken_at: Timestamp;
  owner_user_id: number | null;
  owner_unit: string | null;
  url: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface IncidentReportsTable {
  id: Generated<number>;
  incident_id: number;
  kind: IncidentReportKind;
  text: string;
  sent_at: Timestamp;
  sent_by: number | null;
  recipients: Json<{ id: number; name: string }[]>;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_posts: IncidentPostsTable;
  incident_dismissed_posts: IncidentDismissedPostsTable;
  incident_cases: IncidentCasesTable;
  incident_events: IncidentEventsTable;
  incident_assessments: IncidentAssessmentsTable;
  incident_measures: IncidentMeasuresTable;
  incident_reports: IncidentReportsTable;
}
