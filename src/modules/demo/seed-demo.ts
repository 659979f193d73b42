import { sql, type Kysely } from 'kysely';
import type { DB, UnitType } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { systemActor } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/passwords.js';

/** An invented township: every name here is made up for the demo. */
export const DEMO_TOWNSHIP = '云溪镇';

const DEMO_LOCK = 7_120_004;

const UNITS: { key: string; name: string; type: UnitType; phone?: string }[] = [
  { key: 'office', name: '党政办公室', type: 'department', phone: '0000-6610001' },
  { key: 'stability', name: '综治办', type: 'department', phone: '0000-6610002' },
  { key: 'construction', name: '城建办', type: 'department', phone: '0000-6610003' },
  { key: 'land', name: '自然资源所', type: 'department', phone: '0000-6610004' },
  { key: 'agri', name: '农业农村办', type: 'department' },
  { key: 'social', name: '社会事务办', type: 'department' },
  { key: 'hospital', name: '镇卫生院', type: 'department', phone: '0000-6610120' },
  { key: 'school', name: '中心学校', type: 'department' },
  { key: 'police', name: '云溪派出所', type: 'higher', phone: '0000-6610110' },
  { key: 'qingshi', name: '青石村委会', type: 'community' },
  { key: 'liutang', name: '柳塘村委会', type: 'community' },
  { key: 'hekou', name: '河口村委会', type: 'community' },
  { key: 'xinjie', name: '新街社区居委会', type: 'community' },
];

export const DEMO_USERS: { username: string; name: string; unit: string; roles: Role[] }[] = [
  { username: 'monitor', name: '王敏', unit: 'office', roles: ['monitor'] },
  { username: 'leader', name: '李建国', unit: 'office', roles: ['leader'] },
  { username: 'deputy', name: '孙强', unit: 'office', roles: ['leader'] },
  { username: 'liaison', name: '张伟', unit: 'construction', roles: ['liaison'] },
  { username: 'office', name: '赵丽', unit: 'office', roles: ['office'] },
  { username: 'viewer', name: '陈静', unit: 'office', roles: ['viewer'] },
];

/** Fills an empty organisation with the demo township. Does nothing if any unit exists. */
export async function seedDemo(db: Kysely<DB>, clock: Clock, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_LOCK})`.execute(trx);
    const existing = await trx.selectFrom('units').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const now = clock.now();
    const unitIds = new Map<string, number>();
    for (const [i, u] of UNITS.entries()) {
      const row = await trx
        .insertInto('units')
        .values({
          name: u.name,
          type: u.type,
          phone: u.phone ?? null,
          sort_order: i + 1,
          parent_id: null,
          liaison_user_id: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      unitIds.set(u.key, row.id);
    }
    const userIds = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const row = await trx
        .insertInto('users')
        .values({
          username: u.username,
          name: u.name,
          unit_id: unitIds.get(u.unit) ?? null,
          roles: u.roles,
          phone: null,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(u.username, row.id);
    }
    await trx
      .updateTable('units')
      .set({ liaison_user_id: userIds.get('liaison') ?? null })
      .where('id', '=', unitIds.get('construction') ?? 0)
      .execute();
    await trx
      .insertInto('working_group_members')
      .values([
        { user_id: userIds.get('leader') ?? 0, position: 'leader', sort_order: 0 },
        { user_id: userIds.get('deputy') ?? 0, position: 'deputy', sort_order: 0 },
      ])
      .execute();
    await trx
      .insertInto('working_group_units')
      .values([...unitIds.values()].map((id, i) => ({ unit_id: id, sort_order: i })))
      .execute();
    await recordAudit(trx, clock, systemActor(), {
      action: 'demo.seed',
      entityType: 'organisation',
      summary: `创建演示乡镇「${DEMO_TOWNSHIP}」：${UNITS.length} 个单位，${DEMO_USERS.length} 个用户`,
      after: { units: UNITS.map((u) => u.name), users: DEMO_USERS.map((u) => u.username) },
    });
    return true;
  });
}
