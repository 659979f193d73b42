import { Type, type Static } from '@sinclair/typebox';
import { ingestPosts, type IncomingPost } from '../../ingest/ingest-posts.js';
import { Nullable } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import {
  guessMapping,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ColumnMapping,
} from './column-mapping.js';
import { ensureSource, outcomeMessage } from './enter-post.js';
import { parseTime } from './parse-time.js';
import { cellText, readTable, type Cell } from './read-table.js';
import { sourceKeyOf } from './sources.queries.js';

export const InspectReply = Type.Object({
  format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]),
  encoding: Nullable(Type.Union([Type.Literal('utf-8'), Type.Literal('gbk')])),
  columns: Type.Array(Type.String()),
  /** Up to 5 data rows, cells as text, in column order. */
  samples: Type.Array(Type.Array(Type.String())),
  rowCount: Type.Integer(),
  mapping: Type.Record(Type.String(), Nullable(Type.String())),
});
export type InspectReply = Static<typeof InspectReply>;

const RowOutcome = Type.Union([
  Type.Literal('new'),
  Type.Literal('duplicateUrl'),
  Type.Literal('duplicateText'),
  Type.Literal('nearDuplicate'),
  Type.Literal('error'),
]);

export const ImportReply = Type.Object({
  sourceId: Type.Integer(),
  sourceName: Type.String(),
  totals: Type.Object({
    rows: Type.Integer(),
    new: Type.Integer(),
    duplicateUrl: Type.Integer(),
    duplicateText: Type.Integer(),
    nearDuplicate: Type.Integer(),
    error: Type.Integer(),
  }),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      outcome: RowOutcome,
      postId: Nullable(Type.Integer()),
      duplicateOf: Nullable(Type.Integer()),
      title: Type.String(),
      message: Type.String(),
    }),
  ),
});
export type ImportReply = Static<typeof ImportReply>;
type RowReport = ImportReply['rows'][number];

/** 导入 step 1: what is in the file and a guess at which column is which. */
export async function inspectImport({
  actor,
  filename,
  file,
}: {
  actor: Actor;
  filename: string;
  file: Buffer;
}): Promise<InspectReply> {
  assertCan(actor, 'posts.import');
  const table = await readTable(filename, file);
  return {
    format: table.format,
    encoding: table.encoding,
    columns: table.columns,
    samples: table.rows
      .slice(0, 5)
      .map((r) => table.columns.map((_, i) => cellText(r.cells[i]).slice(0, 300))),
    rowCount: table.rows.length,
    mapping: guessMapping(table.columns),
  };
}

function integer(cell: Cell, label: string): number | null {
  const text = cellText(cell).replace(/[,，\s]/g, '');
  if (!text) return null;
  if (!/^\d{1,9}$/.test(text)) throw new RowError(`${label}「${cellText(cell)}」不是整数`);
  return Number(text);
}

class RowError extends Error {}

/**
 * 导入 step 2: every row with a body becomes a post of the target source, through the pipeline in
 * batches; each row is reported on its own (a bad row never stops the others).
 */
export async function importFile({
  ctx,
  actor,
  filename,
  file,
  mapping,
  sourceName,
}: {
  ctx: AppContext;
  actor: Actor;
  filename: string;
  file: Buffer;
  mapping: ColumnMapping;
  sourceName: string;
}): Promise<ImportReply> {
  assertCan(actor, 'posts.import');
  const name = sourceName.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', '请填写导入到的信息源名称');
  if (name.length > 60) throw new AppError('VALIDATION_FAILED', '信息源名称不能超过 60 个字');
  if (!mapping.body) throw new AppError('VALIDATION_FAILED', '请指定“内容”对应的列');
  const table = await readTable(filename, file);
  const index = {} as Record<(typeof IMPORT_FIELDS)[number], number | null>;
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field] ?? null;
    if (column === null || column === '') {
      index[field] = null;
      continue;
    }
    const i = table.columns.indexOf(column);
    if (i === -1) {
      throw new AppError(
        'VALIDATION_FAILED',
        `“${IMPORT_FIELD_LABELS[field]}”对应的列「${column}」不在文件中`,
      );
    }
    index[field] = i;
  }
  const source = await ensureSource(ctx, actor, name, 'import');
  const timeZone = ctx.config.deadlines.timeZone;
  const latest = ctx.clock.now().getTime() + 86_400_000;

  const reports: RowReport[] = [];
  const posts: IncomingPost[] = [];
  const postRows: RowReport[] = [];
  // What was left out of a row that was imported anyway, said after its outcome.
  const notes = new Map<RowReport, string>();
  for (const { row, cells } of table.rows) {
    const at = (field: (typeof IMPORT_FIELDS)[number]): Cell => {
      const i = index[field];
      return i === null ? null : (cells[i] ?? null);
    };
    const title = cellText(at('title')).trim();
    const report: RowReport = {
      row,
      outcome: 'error',
      postId: null,
      duplicateOf: null,
      title: (title || cellText(at('body')).trim()).slice(0, 60),
      message: '',
    };
    reports.push(report);
    try {
      const body = cellText(at('body')).trim();
      if (!body) throw new RowError('缺少内容');
      let postedAt: Date | null = null;
      if (index.postedAt !== null) {
        const raw = at('postedAt');
        if (raw === null) throw new RowError('缺少时间');
        postedAt = parseTime(raw, timeZone);
        if (!postedAt) throw new RowError(`时间无法识别：「${cellText(raw).slice(0, 40)}」`);
        if (postedAt.getTime() > latest) throw new RowError('时间晚于现在');
      }
      // A bad link loses the link, not the message: the row is imported without it.
      let url = cellText(at('url')).trim() || null;
      if (url && !/^https?:\/\/\S+$/i.test(url)) {
        notes.set(
          report,
          `链接无效已略去（应以 http:// 或 https:// 开头）：「${url.slice(0, 60)}」`,
        );
        url = null;
      }
      posts.push({
        title: title || null,
        body,
        postedAt,
        url,
        author: cellText(at('author')).trim() || null,
        likes: integer(at('likes'), '点赞数'),
        dislikes: integer(at('dislikes'), '反对数'),
        externalId: cellText(at('externalId')).trim() || null,
      });
      postRows.push(report);
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      report.message = err.message;
    }
  }

  const result = await ingestPosts(ctx, posts, {
    sourceKey: sourceKeyOf(source.id),
    sourceName: source.name,
    outcomes: true,
  });
  postRows.forEach((report, i) => {
    const o = result.outcomes?.[i] ?? { kind: 'empty' as const };
    const note = notes.get(report);
    report.message = note ? `${outcomeMessage(o)}；${note}` : outcomeMessage(o);
    if (o.kind === 'empty') return;
    report.outcome = o.kind;
    report.postId = o.postId;
    if (o.kind === 'nearDuplicate') report.duplicateOf = o.duplicateOf;
  });

  const totals = {
    rows: reports.length,
    new: 0,
    duplicateUrl: 0,
    duplicateText: 0,
    nearDuplicate: 0,
    error: 0,
  };
  for (const r of reports) totals[r.outcome]++;
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'posts.import',
    entityType: 'source',
    entityId: source.id,
    summary:
      `从文件「${filename.slice(0, 80)}」导入 ${totals.rows} 行到「${source.name}」：` +
      `新增 ${totals.new}，近似重复 ${totals.nearDuplicate}，` +
      `重复 ${totals.duplicateUrl + totals.duplicateText}，错误 ${totals.error}`,
    after: { filename, mapping, totals },
  });
  return { sourceId: source.id, sourceName: source.name, totals, rows: reports };
}
