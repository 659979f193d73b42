import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AlertTables } from './schema-alerts.js';
import type { IncidentTables } from './schema-incidents.js';
import type { ReportTables } from './schema-reports.js';
import type { InfoReportTables } from './schema-info-reports.js';
import type { AnalysisTables } from './schema-analysis.js';
import type { TopicTables } from './schema-topics.js';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type UnitType = 'department' | 'community' | 'higher';

export interface UnitsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  type: UnitType;
  liaison_user_id: number | null;
  phone: string | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  unit_id: number | null;
  roles: string[];
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_failed_login_at: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface WorkingGroupMembersTable {
  user_id: number;
  position: 'leader' | 'deputy';
  sort_order: Generated<number>;
}

export interface WorkingGroupUnitsTable {
  unit_id: number;
  sort_order: Generated<number>;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
  before: Json;
  after: Json;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface PostsTable {
  id: Generated<number>;
  source: string;
  url: string | null;
  author: string | null;
  posted_at: Timestamp;
  title: string | null;
  body: string;
  contact: string | null;
  created_at: Timestamp;
  // The post pipeline (0005): every column optional on insert so hand-registered posts still fit.
  source_key: ColumnType<string | null, string | null | undefined, string | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  canonical_url: ColumnType<string | null, string | null | undefined, string | null>;
  content_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Signed 64-bit: select it as text (a JS number would lose bits). */
  simhash: ColumnType<string | null, string | null | undefined, string | null>;
  simhash_bands: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  duplicate_kind: ColumnType<
    'url' | 'text' | 'near' | null,
    'url' | 'text' | 'near' | null | undefined,
    'url' | 'text' | 'near' | null
  >;
  relevant: Generated<boolean>;
  relevance_terms: Generated<string[]>;
  segmented: Generated<string>;
  search: Generated<string>;
  /** The distinct candidate key words of segmented (0022): set by a trigger, null on old posts. */
  words: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  likes: ColumnType<number | null, number | null | undefined, number | null>;
  dislikes: ColumnType<number | null, number | null | undefined, number | null>;
  // Analysis (0009)
  category_id: ColumnType<number | null, number | null | undefined, number | null>;
  category_confidence: ColumnType<number | null, number | null | undefined, number | null>;
  category_confirmed_by: ColumnType<number | null, number | null | undefined, number | null>;
  category_confirmed_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  sentiment: ColumnType<Sentiment | null, Sentiment | null | undefined, Sentiment | null>;
  sentiment_score: ColumnType<number | null, number | null | undefined, number | null>;
  /** [{ signal, words }] as src/modules/analysis/urgency detects them. */
  urgency: ColumnType<unknown, string | undefined, string>;
  urgent: Generated<boolean>;
  analysed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  topic_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** 研判 (0023): 已阅 / 不予处理, null while 待研判. */
  review: ColumnType<PostReview | null, PostReview | null | undefined, PostReview | null>;
  reviewed_by: ColumnType<number | null, number | null | undefined, number | null>;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type PostReview = 'read' | 'dismissed';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface JurisdictionTermsTable {
  id: Generated<number>;
  term: string;
  kind: 'place' | 'unit' | 'keyword';
  created_at: Timestamp;
}

// Monitoring sources (0006)
export type SourceKind = 'rss' | 'html' | 'json' | 'manual' | 'import' | 'board';

export interface SourcesTable {
  id: Generated<number>;
  name: string;
  kind: SourceKind;
  url: string | null;
  /** Per kind; see src/sources/source-config.ts. */
  config: ColumnType<unknown, string | undefined, string>;
  interval_minutes: Generated<number>;
  enabled: Generated<boolean>;
  next_run_at: Timestamp | null;
  /** 立即抓取 asked at this time; the next scheduled run is recorded as 'manual' (0008). */
  run_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_run_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_error_at: Timestamp | null;
  last_error: string | null;
  /** What the last run that did not fail lost (0018): null when it lost nothing. */
  last_warning: string | null;
  last_found: number | null;
  last_new: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SourceRunsTable {
  id: Generated<number>;
  source_id: number;
  trigger: 'schedule' | 'watch' | 'manual';
  /** partial (0018): the run went through but lost content; its warnings say what. */
  status: 'running' | 'ok' | 'partial' | 'failed';
  started_at: Timestamp;
  finished_at: Timestamp | null;
  pages: Generated<number>;
  not_modified: Generated<number>;
  robots_blocked: Generated<number>;
  found: Generated<number>;
  new: Generated<number>;
  duplicates: Generated<number>;
  near_duplicates: Generated<number>;
  error: string | null;
  warnings: Generated<string[]>;
}

export interface FetchedPagesTable {
  url: string;
  source_id: number | null;
  role: 'feed' | 'list' | 'detail' | 'api';
  leased_until: Timestamp | null;
  etag: string | null;
  last_modified: string | null;
  status: number | null;
  content_hash: string | null;
  fetched_at: Timestamp | null;
  attempts: Generated<number>;
  error: string | null;
}

export interface FetchHostsTable {
  host: string;
  next_at: Timestamp;
  robots_txt: string | null;
  robots_status: number | null;
  robots_fetched_at: Timestamp | null;
}

export type WatchKind = 'meeting' | 'celebration' | 'project' | 'other';

export interface WatchPeriodsTable {
  id: Generated<number>;
  name: string;
  kind: WatchKind;
  /** YYYY-MM-DD */
  starts_on: string;
  ends_on: string;
  interval_minutes: Generated<number>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WatchPeriodSourcesTable {
  period_id: number;
  source_id: number;
}

export interface WatchDutiesTable {
  id: Generated<number>;
  period_id: number;
  user_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  note: string | null;
}

export interface BoardMessagesTable {
  post_id: number;
  lookup_code: string;
  address_hash: string;
  created_at: Timestamp;
}

export interface BoardChallengesTable {
  id: string;
  difficulty: number;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RateLimitsTable {
  bucket: string;
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface LoginFailuresTable {
  name_hash: string;
  failures: number;
  locked_until: Timestamp | null;
  last_failed_at: Timestamp;
}

export interface JobWorkersTable {
  id: string;
  host: string;
  pid: number;
  started_at: Timestamp;
  seen_at: Timestamp;
}

export interface JobClaimsTable {
  job_id: string;
  queue: string;
  worker_id: string;
  started_at: Timestamp;
}

export type CaseStateColumn =
  | 'registered'
  | 'assigned'
  | 'handling'
  | 'reviewing'
  | 'approved'
  | 'published'
  | 'closed'
  | 'archived';

export interface CasesTable {
  id: Generated<number>;
  post_id: number;
  state: CaseStateColumn;
  version: Generated<number>;
  urgent: Generated<boolean>;
  registered_by: number | null;
  registered_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledgement: string | null;
  slip_year: number | null;
  slip_seq: number | null;
  slip_no: string | null;
  instruction: string | null;
  assigned_by: number | null;
  assigned_at: Timestamp | null;
  lead_unit_id: number | null;
  handling_due_at: Timestamp | null;
  reply_due_at: Timestamp;
  extension_state: 'requested' | 'granted' | 'refused' | null;
  extension_reason: string | null;
  extension_until: Timestamp | null;
  extension_requested_by: number | null;
  extension_requested_at: Timestamp | null;
  extension_decided_by: number | null;
  extension_decided_at: Timestamp | null;
  extension_comment: string | null;
  reply_text: string | null;
  replied_at: Timestamp | null;
  approved_by: number | null;
  approved_at: Timestamp | null;
  published_url: string | null;
  published_at: Timestamp | null;
  published_by: number | null;
  rating: 'satisfied' | 'basically' | 'unsatisfied' | null;
  rated_at: Timestamp | null;
  rating_note: string | null;
  reopen_count: Generated<number>;
  closed_reason: string | null;
  closed_by: number | null;
  closed_at: Timestamp | null;
  archived_by: number | null;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 历史台账导入: the batch, the row's key (re-import skips it) and its spreadsheet row. */
  import_id: Generated<number | null>;
  import_key: Generated<string | null>;
  import_row: Generated<number | null>;
}

export interface CaseImportsTable {
  id: Generated<number>;
  file_name: string;
  file_sha256: string;
  imported_by: number | null;
  imported_at: Timestamp;
  row_count: number;
  created_count: number;
  skipped_count: number;
}

/** 立即备份 and the nightly backup's runs: one pending at a time (0030). */
export interface BackupRunsTable {
  id: Generated<number>;
  status: 'queued' | 'running' | 'ok' | 'failed';
  trigger: 'manual' | 'schedule';
  requested_by: number | null;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  file: string | null;
  bytes: number | null;
  error: string | null;
}

export interface CaseUnitsTable {
  case_id: number;
  unit_id: number;
  role: 'lead' | 'co';
  signed_at: Timestamp | null;
  signed_by: number | null;
  contribution: string | null;
  contributed_at: Timestamp | null;
  contributed_by: number | null;
}

export interface CaseRepliesTable {
  id: Generated<number>;
  case_id: number;
  round: number;
  text: string;
  submitted_by: number | null;
  submitted_at: Timestamp;
  decision: 'approved' | 'returned' | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  comment: string | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  unit_id: number | null;
  comment: string | null;
  data: Json;
}

export interface SlipCountersTable {
  year: number;
  last: number;
}

export interface CaseUrgesTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  kind: 'handling' | 'reply';
  due_at: Timestamp;
  urged_at: Timestamp;
  urged_by: number | null;
}

export interface CaseRemindersTable {
  case_id: number;
  /** 'overdue': the public reply passed due while the case waited on leaders or the monitor. */
  kind: 'handling' | 'reply' | 'overdue';
  due_at: Timestamp;
  sent_at: Timestamp;
}

export interface NoticesTable {
  id: Generated<number>;
  year: number;
  seq: number;
  title: string;
  period_from: Timestamp;
  period_to: Timestamp;
  items: Json;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CaseAttachmentsTable {
  id: Generated<number>;
  case_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface DB
  extends AnalysisTables, TopicTables, AlertTables, IncidentTables, ReportTables, InfoReportTables {
  case_attachments: CaseAttachmentsTable;
  posts: PostsTable;
  jurisdiction_terms: JurisdictionTermsTable;
  sources: SourcesTable;
  source_runs: SourceRunsTable;
  fetched_pages: FetchedPagesTable;
  fetch_hosts: FetchHostsTable;
  watch_periods: WatchPeriodsTable;
  watch_period_sources: WatchPeriodSourcesTable;
  watch_duties: WatchDutiesTable;
  board_messages: BoardMessagesTable;
  board_challenges: BoardChallengesTable;
  rate_limits: RateLimitsTable;
  login_failures: LoginFailuresTable;
  job_workers: JobWorkersTable;
  job_claims: JobClaimsTable;
  cases: CasesTable;
  case_imports: CaseImportsTable;
  backup_runs: BackupRunsTable;
  case_units: CaseUnitsTable;
  case_replies: CaseRepliesTable;
  case_events: CaseEventsTable;
  slip_counters: SlipCountersTable;
  case_urges: CaseUrgesTable;
  case_reminders: CaseRemindersTable;
  notices: NoticesTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  working_group_members: WorkingGroupMembersTable;
  working_group_units: WorkingGroupUnitsTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;

// notifications
export type NotificationChannel = 'email' | 'wecom' | 'dingtalk';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  case_id: number | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  notification_id: number | null;
  channel: NotificationChannel;
  target: string;
  subject: string;
  body: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}
