import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';

/**
 * 报送排名. A brief counts in the period in which it was submitted (in the deployment's time
 * zone), for its author and for the unit the author wrote it in. "Adopted" and "instructions"
 * count briefs with at least one such outcome, however many were recorded. The score weighs what
 * the higher level did with a brief above the sending of it:
 *   score = submitted × 1 + adopted × 2 + instructions × 3
 * The quota of a year is the sum of its monthly quotas; completion = submitted / quota (null
 * without a quota). Rows are sorted by score, then submitted, then name.
 */
export const SCORE = { submitted: 1, adopted: 2, instruction: 3 } as const;

export interface RankingRow {
  id: number;
  name: string;
  unitName: string | null;
  submitted: number;
  adopted: number;
  instructions: number;
  quota: number | null;
  completion: number | null;
  score: number;
  rank: number;
}

export interface Ranking {
  period: string;
  units: RankingRow[];
  people: RankingRow[];
}

export function parsePeriod(period: string): { kind: 'month' | 'year'; months: string[] } {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return { kind: 'month', months: [period] };
  if (/^\d{4}$/.test(period)) {
    return {
      kind: 'year',
      months: Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`),
    };
  }
  throw new AppError('VALIDATION_FAILED', '期间应为 YYYY-MM 或 YYYY');
}

interface Tally {
  submitted: number;
  adopted: number;
  instructions: number;
  quota: number | null;
}

function finish(
  tallies: Map<number, Tally>,
  names: Map<number, { name: string; unitName: string | null }>,
): RankingRow[] {
  const rows = [...tallies].map(([id, t]) => ({
    id,
    name: names.get(id)?.name ?? `#${id}`,
    unitName: names.get(id)?.unitName ?? null,
    ...t,
    completion: t.quota ? Math.round((t.submitted / t.quota) * 1000) / 1000 : null,
    score:
      t.submitted * SCORE.submitted +
      t.adopted * SCORE.adopted +
      t.instructions * SCORE.instruction,
    rank: 0,
  }));
  rows.sort(
    (a, b) =>
      b.score - a.score || b.submitted - a.submitted || a.name.localeCompare(b.name, 'zh-CN'),
  );
  // Equal scores share a rank (1, 2, 2, 4).
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.score === r.score ? prev.rank : i + 1;
  });
  return rows;
}

export async function computeRanking(
  db: Kysely<DB>,
  period: string,
  timeZone: string,
): Promise<Ranking> {
  const { months } = parsePeriod(period);
  const monthOf = sql<string>`to_char(b.submitted_at at time zone ${timeZone}, 'YYYY-MM')`;
  const briefs = await db
    .selectFrom('info_briefs as b')
    .select([
      'b.author_id',
      'b.unit_id',
      sql<boolean>`exists (select 1 from info_brief_outcomes o where o.brief_id = b.id and o.kind = 'adopted')`.as(
        'adopted',
      ),
      sql<boolean>`exists (select 1 from info_brief_outcomes o where o.brief_id = b.id and o.kind = 'instruction')`.as(
        'instructed',
      ),
    ])
    .where('b.status', '=', 'submitted')
    .where(monthOf, 'in', months)
    .execute();
  const quotas = await db
    .selectFrom('info_quotas')
    .select(['unit_id', 'user_id', 'quota'])
    .where('month', 'in', months)
    .execute();

  const units = new Map<number, Tally>();
  const people = new Map<number, Tally>();
  const tally = (map: Map<number, Tally>, id: number) => {
    let t = map.get(id);
    if (!t) map.set(id, (t = { submitted: 0, adopted: 0, instructions: 0, quota: null }));
    return t;
  };
  for (const q of quotas) {
    const t = q.unit_id !== null ? tally(units, q.unit_id) : tally(people, q.user_id as number);
    t.quota = (t.quota ?? 0) + q.quota;
  }
  for (const b of briefs) {
    const targets = [tally(people, b.author_id)];
    if (b.unit_id !== null) targets.push(tally(units, b.unit_id));
    for (const t of targets) {
      t.submitted += 1;
      if (b.adopted) t.adopted += 1;
      if (b.instructed) t.instructions += 1;
    }
  }

  const unitNames = new Map<number, { name: string; unitName: string | null }>();
  if (units.size > 0) {
    for (const u of await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', 'in', [...units.keys()])
      .execute()) {
      unitNames.set(u.id, { name: u.name, unitName: null });
    }
  }
  const userNames = new Map<number, { name: string; unitName: string | null }>();
  if (people.size > 0) {
    for (const u of await db
      .selectFrom('users')
      .leftJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.name', 'units.name as unit_name'])
      .where('users.id', 'in', [...people.keys()])
      .execute()) {
      userNames.set(u.id, { name: u.name, unitName: u.unit_name });
    }
  }
  return { period, units: finish(units, unitNames), people: finish(people, userNames) };
}
