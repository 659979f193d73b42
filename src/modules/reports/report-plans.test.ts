import { sql, type CompiledQuery, type KyselyPlugin, type PluginTransformQueryArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPost } from '../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { reportFigures } from './report-figures.js';
import { dailySpan } from './report-period.js';

/** An instant from a Shanghai wall-clock time (the configured time zone). */
const at = (local: string) => new Date(`${local}+08:00`);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * Partial indexes of a few posts, which a plan may read whole: the urgent ones, and the ones nobody
 * has marked yet (研判), once the monitors keep up.
 */
const SMALL = new Set(['posts_urgent', 'posts_awaiting_review']);

/** The scans of posts in a plan that read every row (or every entry of an index) of it. */
function fullScans(node: PlanNode, out: string[] = []): string[] {
  const type = node['Node Type'];
  const onPosts = node['Relation Name'] === 'posts';
  if (onPosts && type === 'Seq Scan') out.push('Seq Scan on posts');
  // No condition, or only an upper bound on the time: every post collected before.
  const cond = node['Index Cond'];
  const whole =
    (!cond || /^\(created_at < [^)]*\)$/.test(cond)) && !SMALL.has(node['Index Name'] ?? '');
  if (onPosts && /^Index (Only )?Scan$/.test(type) && whole)
    out.push(`${type} on posts using ${node['Index Name']} without a bound`);
  if (type === 'Bitmap Index Scan' && /^posts_/.test(node['Index Name'] ?? '') && whole)
    out.push(`Bitmap Index Scan using ${node['Index Name']} without a bound`);
  for (const child of node.Plans ?? []) fullScans(child, out);
  return out;
}

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(at('2026-11-26T17:00:00'));
  for (const collected of ['2026-11-20T10:00:00', '2026-11-25T20:00:00', '2026-11-26T09:00:00']) {
    await buildPost(t.ctx, { postedAt: at(collected), collectedAt: at(collected) });
  }
  // Three months of posts before, each marked an hour after it came in, and their statistics: the
  // planner then knows a day is a small part of the table, as on an installation in use.
  await sql`
    insert into posts (source, source_key, author, posted_at, title, body, created_at, relevant,
      review, reviewed_at, likes)
    select '云溪论坛', 'bench', '网友', t, '信息 ' || g, '内容 ' || g, t, true, 'read',
      t + interval '1 hour', g % 100
    from generate_series(1, 3000) g,
      lateral (select ${at('2026-11-19T00:00:00')}::timestamptz - g * interval '43 minutes' as t) x
  `.execute(t.ctx.db);
  // And a day's posts, fresh, with few likes yet: more liked posts were collected before them.
  await sql`
    insert into posts (source, source_key, author, posted_at, title, body, created_at, relevant,
      likes)
    select '云溪论坛', 'bench', '网友', t, '今日 ' || g, '今日内容 ' || g, t, true, 1
    from generate_series(1, 300) g,
      lateral (select ${at('2026-11-25T17:00:00')}::timestamptz + g * interval '4 minutes' as t) x
  `.execute(t.ctx.db);
  await sql`analyze posts`.execute(t.ctx.db);
});
afterAll(() => t.close());

/** The queries of posts the figures of one report run, compiled as they are sent. */
async function postQueries(
  kind: 'daily' | 'annual',
  range: { from: string; to: string },
  span: ReturnType<typeof dailySpan> | null,
): Promise<CompiledQuery[]> {
  const queries: CompiledQuery[] = [];
  const db = t.ctx.db;
  const capture: KyselyPlugin = {
    transformQuery({ node, queryId }: PluginTransformQueryArgs) {
      queries.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  await reportFigures(
    { ...t.ctx, db: db.withPlugin(capture) },
    kind,
    range,
    at('2026-11-26T16:31:00'),
    span,
  );
  return queries.filter((q) => /\bfrom posts p\b/.test(q.sql));
}

/**
 * Their plans. A test table is small enough to read whole whatever the indexes; with sequential
 * scans priced out, the planner shows whether an index can serve each condition and order.
 */
async function plans(queries: readonly CompiledQuery[]): Promise<PlanNode[]> {
  return t.ctx.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const out: PlanNode[] = [];
    for (const q of queries) {
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': unknown }>({
        ...q,
        sql: `explain (format json) ${q.sql}`,
      });
      const raw = rows[0]?.['QUERY PLAN'];
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
      out.push(plan[0]?.Plan as PlanNode);
    }
    return out;
  });
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('the report queries', () => {
  it('read a daily report’s posts and the ones still waiting by index, not every post collected', async () => {
    const span = dailySpan('2026-11-26', '16:30', 'Asia/Shanghai');
    const queries = await postQueries('daily', { from: '2026-11-26', to: '2026-11-26' }, span);
    expect(queries.length).toBeGreaterThanOrEqual(6);
    const found = (await plans(queries)).flatMap((plan, i) => {
      const scans = fullScans(plan);
      return scans.length > 0
        ? [`${scans.join('; ')}: ${queries[i]?.sql.replace(/\s+/g, ' ')}`]
        : [];
    });
    expect(found).toEqual([]);
  });

  it('find a year’s most liked posts in order, without sorting every post of it that has likes', async () => {
    const queries = await postQueries('annual', { from: '2026-01-01', to: '2026-12-31' }, null);
    const liked = queries.filter((q) => q.sql.includes('p.likes > 0'));
    expect(liked).toHaveLength(1);
    const [plan] = await plans(liked);
    const used = nodes(plan as PlanNode);
    expect(used.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(used.map((n) => n['Index Name'])).toContain('posts_liked');
  });
});
