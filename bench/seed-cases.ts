import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.js';

/**
 * Fills a database that already has the schema and the demo township with `n` cases over every
 * unit, in a few set-based statements (the benchmark measures reading them). The states are those
 * of a township some years in: 90% archived, 4% published, 1% closed, 5% open (1% in each of
 * registered, assigned, handling, reviewing, approved).
 */
export async function seedCases(
  target: { dataDir: string; databaseUrl: string | undefined },
  n: number,
): Promise<void> {
  const database = await openDatabase(target);
  const db = database.db;
  try {
    await sql`
      insert into posts (source, url, author, posted_at, title, body, contact, created_at)
      select (array['县长信箱','云溪论坛','网络问政平台'])[1 + g % 3], null, '网友' || g,
        now() - (g % 2000) * interval '1 hour', '基准测试留言 ' || g,
        '这是第 ' || g || ' 条用于性能测试的留言，反映道路、环境、教育等方面的问题。', null, now()
      from generate_series(1, ${n}::int) g`.execute(db);
    await sql`
      insert into cases (post_id, state, version, urgent, registered_at, reply_due_at, slip_year, slip_seq,
        slip_no, instruction, assigned_at, lead_unit_id, handling_due_at, created_at, updated_at)
      select p.id, s.state, 1, p.id % 10 = 0, p.posted_at, p.posted_at + interval '3 days',
        case when s.state <> 'registered' then 2000 + p.id / 100000 end,
        case when s.state <> 'registered' then p.id end,
        case when s.state <> 'registered' then 'B' || p.id end,
        case when s.state <> 'registered' then '请核实办理' end,
        case when s.state <> 'registered' then p.posted_at + interval '2 hours' end,
        case when s.state <> 'registered' then u.ids[1 + p.id % array_length(u.ids, 1)] end,
        case when s.state <> 'registered' then p.posted_at + interval '3 days 2 hours' end,
        now(), now()
      from posts p
      cross join (select array_agg(id order by id) as ids from units) u
      cross join lateral (select case
        when p.id % 100 < 5 then (array['registered','assigned','handling','reviewing','approved'])[1 + p.id % 100]
        when p.id % 100 < 9 then 'published'
        when p.id % 100 = 9 then 'closed'
        else 'archived' end as state) s
      where not exists (select 1 from cases c where c.post_id = p.id)`.execute(db);
    await sql`
      insert into case_units (case_id, unit_id, role, signed_at)
      select c.id, c.lead_unit_id, 'lead', case when c.state <> 'assigned' then c.assigned_at end
      from cases c
      where c.lead_unit_id is not null
        and not exists (select 1 from case_units x where x.case_id = c.id)`.execute(db);
    // Autovacuum would do this in time; a fresh bulk load needs it for index-only scans.
    await sql`vacuum analyze`.execute(db);
  } finally {
    await database.close();
  }
}
