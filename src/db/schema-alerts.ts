import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

// Alerts (0011): alert rules (预警规则) and the alerts they raise (预警).

export type AlertLevel = 'blue' | 'yellow' | 'orange' | 'red';
export type AlertStatus = 'active' | 'acknowledged' | 'closed';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AlertRulesTable {
  id: Generated<number>;
  name: string;
  expression: string;
  level: AlertLevel;
  window_minutes: number;
  min_count: Generated<number>;
  min_negative_share: Nullable<number>;
  burst_factor: Nullable<number>;
  only_relevant: Generated<boolean>;
  enabled: Generated<boolean>;
  notify_roles: Generated<string[]>;
  cooldown_minutes: Generated<number>;
  created_by: Nullable<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_evaluated_at: NullableTime;
  last_matched_count: Nullable<number>;
}

export interface AlertsTable {
  id: Generated<number>;
  rule_id: number;
  level: AlertLevel;
  status: Generated<AlertStatus>;
  window_start: Timestamp;
  window_end: Timestamp;
  matched_count: number;
  peak_count: number;
  negative_share: Nullable<number>;
  burst_ratio: Nullable<number>;
  /** bigint[]: the pg driver reads its elements as strings, PGlite as numbers; map with Number. */
  sample_post_ids: ColumnType<(number | string)[], number[] | undefined, number[]>;
  first_triggered_at: Timestamp;
  last_triggered_at: Timestamp;
  trigger_count: Generated<number>;
  acknowledged_by: Nullable<number>;
  acknowledged_at: NullableTime;
  closed_by: Nullable<number>;
  closed_at: NullableTime;
  note: Nullable<string>;
}

export interface AlertTables {
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
}
