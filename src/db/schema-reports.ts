import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

// Reports (0013): daily to annual reports with their figures and files.

export type ReportKind = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annual';

export interface ReportsTable {
  id: Generated<number>;
  kind: ReportKind;
  /** YYYY-MM-DD, read as text (see src/db/connection.ts type parsers). */
  period_start: ColumnType<string, string, string>;
  period_end: ColumnType<string, string, string>;
  seq: number;
  generated_at: Timestamp;
  generated_by: number | null;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** jsonb: read as the value, written as its JSON text. */
  figures: ColumnType<unknown, string, string>;
  docx: Uint8Array;
  xlsx: Uint8Array;
}

export interface ReportTables {
  reports: ReportsTable;
}
