import { sql, type SelectQueryBuilder } from 'kysely';

export interface PageResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One query for a page and its total (count(*) over ()); only a page past the end, which has no
 * row to carry the total, costs a second query.
 */
export async function paginate<DB, TB extends keyof DB, O, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  opts: { page?: number | undefined; pageSize?: number | undefined },
  map: (row: O) => T,
): Promise<PageResult<T>> {
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 20;
  const rows = await query
    .select(sql<number>`count(*) over ()`.as('__total'))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  let total = Number((rows[0] as { __total?: number } | undefined)?.__total ?? 0);
  if (rows.length === 0 && page > 1) {
    const count = await query
      .clearSelect()
      .clearOrderBy()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirst();
    total = Number((count as { n?: number } | undefined)?.n ?? 0);
  }
  return { items: rows.map((r) => map(r as O)), total, page, pageSize };
}
