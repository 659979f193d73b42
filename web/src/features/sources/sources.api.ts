import { api } from '../../app/api';
import type { Page } from '../../app/api';

/** Mirrors src/modules/sources/sources.schemas.ts. */
export const SOURCE_KINDS = ['rss', 'html', 'json', 'manual', 'import', 'board'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const CREATABLE_KINDS = ['rss', 'html', 'json', 'manual', 'import'] as const;
export type CreatableKind = (typeof CREATABLE_KINDS)[number];
export type FetchedKind = 'rss' | 'html' | 'json';
export const isFetched = (kind: SourceKind): kind is FetchedKind =>
  kind === 'rss' || kind === 'html' || kind === 'json';

export type Health = 'ok' | 'warning' | 'failed' | 'never';

export interface SourceSummary {
  id: number;
  name: string;
  kind: SourceKind;
  url: string | null;
  intervalMinutes: number;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  /** What the last run that did not fail lost (部分成功). */
  lastWarning: string | null;
  lastFound: number | null;
  lastNew: number | null;
  health: Health;
  postCount: number;
  createdAt: string;
  updatedAt: string;
}

export type SourceConfig = Record<string, unknown>;

export interface SourceRun {
  id: number;
  trigger: 'schedule' | 'watch' | 'manual';
  status: 'running' | 'ok' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  notModified: number;
  robotsBlocked: number;
  found: number;
  new: number;
  duplicates: number;
  nearDuplicates: number;
  error: string | null;
  warnings: string[];
}

export interface SourceDetail extends SourceSummary {
  config: SourceConfig;
  runs: SourceRun[];
}

export interface SourceQuery {
  kind?: SourceKind;
  enabled?: 'true' | 'false';
  name?: string;
  page: number;
  pageSize: number;
}

export interface SourceInput {
  name: string;
  kind: CreatableKind;
  url?: string | null;
  config?: SourceConfig;
  intervalMinutes?: number;
  enabled?: boolean;
}

export type SourcePatch = Partial<Omit<SourceInput, 'kind'>>;

export interface PreviewResult {
  items: {
    url: string | null;
    title: string | null;
    body: string;
    author: string | null;
    postedAt: string | null;
    likes: number | null;
  }[];
  pages: { url: string; status: number | null; error?: string }[];
  warnings: string[];
}

export function listSources(
  query: SourceQuery,
  signal?: AbortSignal,
): Promise<Page<SourceSummary>> {
  return api<Page<SourceSummary>>('/api/sources', { query: { ...query }, signal });
}

export function getSource(id: number, signal?: AbortSignal): Promise<SourceDetail> {
  return api<SourceDetail>(`/api/sources/${id}`, { signal });
}

export function createSource(input: SourceInput): Promise<SourceSummary> {
  return api<SourceSummary>('/api/sources', { method: 'POST', body: input });
}

export function updateSource(id: number, patch: SourcePatch): Promise<SourceSummary> {
  return api<SourceSummary>(`/api/sources/${id}`, { method: 'PATCH', body: patch });
}

export function deleteSource(id: number): Promise<void> {
  return api<void>(`/api/sources/${id}`, { method: 'DELETE' });
}

export function runSource(id: number): Promise<{ queued: boolean; message: string }> {
  return api<{ queued: boolean; message: string }>(`/api/sources/${id}/run`, { method: 'POST' });
}

export function previewSource(input: {
  kind: FetchedKind;
  url: string;
  config: SourceConfig;
}): Promise<PreviewResult> {
  return api<PreviewResult>('/api/sources/preview', { method: 'POST', body: input });
}

// 录入

export type Outcome = 'new' | 'duplicateUrl' | 'duplicateText' | 'nearDuplicate' | 'empty';

export interface ManualPostInput {
  title: string;
  body: string;
  url?: string | null;
  author?: string | null;
  postedAt: string;
  sourceId?: number;
  sourceName?: string;
}

export interface ManualPostResult {
  outcome: Outcome;
  postId: number | null;
  duplicateOf: number | null;
  sourceId: number;
  sourceName: string;
  message: string;
}

export function enterPost(input: ManualPostInput): Promise<ManualPostResult> {
  return api<ManualPostResult>('/api/posts/manual', { method: 'POST', body: input });
}

// 导入

export const IMPORT_FIELDS = [
  'title',
  'body',
  'postedAt',
  'author',
  'url',
  'likes',
  'dislikes',
  'externalId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ColumnMapping = Partial<Record<ImportField, string | null>>;

export interface InspectResult {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gbk' | null;
  columns: string[];
  samples: string[][];
  rowCount: number;
  mapping: ColumnMapping;
}

export type RowOutcome = Exclude<Outcome, 'empty'> | 'error';

export interface ImportRow {
  row: number;
  outcome: RowOutcome;
  postId: number | null;
  duplicateOf: number | null;
  title: string;
  message: string;
}

export interface ImportResult {
  sourceId: number;
  sourceName: string;
  totals: Record<RowOutcome | 'rows', number>;
  rows: ImportRow[];
}

export function inspectImport(file: File): Promise<InspectResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<InspectResult>('/api/sources/import/inspect', { method: 'POST', form });
}

export function importFile(
  file: File,
  mapping: ColumnMapping,
  sourceName: string,
): Promise<ImportResult> {
  const form = new FormData();
  // Text fields first: the server reads the parts in order.
  form.append('mapping', JSON.stringify(mapping));
  form.append('sourceName', sourceName);
  form.append('file', file, file.name);
  return api<ImportResult>('/api/sources/import', { method: 'POST', form });
}
