import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { assertCan, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadOrgName, ORG_NAME_KEY } from '../cases/documents/case-record.js';
import type { WorkingGroup, WorkingGroupInput } from './org.schemas.js';

export async function getWorkingGroup(db: Kysely<DB>): Promise<WorkingGroup> {
  const members = await db
    .selectFrom('working_group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['m.user_id', 'm.position', 'u.name', 'n.name as unit_name'])
    .orderBy('m.sort_order')
    .execute();
  const units = await db
    .selectFrom('working_group_units as w')
    .innerJoin('units as n', 'n.id', 'w.unit_id')
    .select(['w.unit_id', 'n.name'])
    .orderBy('w.sort_order')
    .execute();
  const member = (m: (typeof members)[number]) => ({
    userId: m.user_id,
    name: m.name,
    unitName: m.unit_name,
  });
  return {
    orgName: await loadOrgName(db),
    leaders: members.filter((m) => m.position === 'leader').map(member),
    deputies: members.filter((m) => m.position === 'deputy').map(member),
    units: units.map((u) => ({ unitId: u.unit_id, name: u.name })),
  };
}

export async function updateWorkingGroup({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: WorkingGroupInput;
}): Promise<WorkingGroup> {
  assertCan(actor, 'org.manage');
  if (input.leaderIds.some((id) => input.deputyIds.includes(id))) {
    throw new AppError('VALIDATION_FAILED', '同一人不能既是组长又是副组长');
  }
  const orgName = input.orgName === undefined ? undefined : input.orgName.trim();
  // Read in front of 网络舆情工作小组 / 工作通报 on every slip, notice and report.
  if (orgName !== undefined && !/^[\p{Script=Han}A-Za-z0-9（）()·]{2,30}$/u.test(orgName)) {
    throw new AppError(
      'VALIDATION_FAILED',
      '本级名称须为 2 到 30 个字（如 云溪镇），不含空格和标点',
    );
  }
  const userIds = [...input.leaderIds, ...input.deputyIds];
  const before = await getWorkingGroup(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    if (userIds.length > 0) {
      const found = await trx
        .selectFrom('users')
        .select(['id', 'name', 'roles'])
        .where('id', 'in', userIds)
        .execute();
      if (found.length !== new Set(userIds).size)
        throw new AppError('VALIDATION_FAILED', '所选人员中有不存在的用户');
      // The group's 组长 and 副组长 批办 and 审定: someone who cannot would leave it no one to.
      const notLeaders = found.filter((u) => !u.roles.includes('leader')).map((u) => u.name);
      if (notLeaders.length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `组长、副组长须有“领导”角色：${notLeaders.join('、')} 没有`,
        );
      }
    }
    if (input.unitIds.length > 0) {
      const found = await trx
        .selectFrom('units')
        .select('id')
        .where('id', 'in', input.unitIds)
        .execute();
      if (found.length !== input.unitIds.length)
        throw new AppError('VALIDATION_FAILED', '所选单位中有不存在的单位');
    }
    await trx.deleteFrom('working_group_members').execute();
    await trx.deleteFrom('working_group_units').execute();
    const rows = [
      ...input.leaderIds.map((id, i) => ({
        user_id: id,
        position: 'leader' as const,
        sort_order: i,
      })),
      ...input.deputyIds.map((id, i) => ({
        user_id: id,
        position: 'deputy' as const,
        sort_order: i,
      })),
    ];
    if (rows.length > 0) await trx.insertInto('working_group_members').values(rows).execute();
    if (input.unitIds.length > 0) {
      await trx
        .insertInto('working_group_units')
        .values(input.unitIds.map((id, i) => ({ unit_id: id, sort_order: i })))
        .execute();
    }
    if (orgName !== undefined) {
      const now = ctx.clock.now();
      const value = JSON.stringify(orgName);
      await trx
        .insertInto('settings')
        .values({ key: ORG_NAME_KEY, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    const after = await getWorkingGroup(trx);
    const names = (g: WorkingGroup) => ({
      本级名称: g.orgName,
      组长: g.leaders.map((m) => m.name),
      副组长: g.deputies.map((m) => m.name),
      成员单位: g.units.map((u) => u.name),
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'working-group.update',
      entityType: 'working-group',
      summary: `修改工作小组：${after.orgName !== before.orgName ? `本级名称「${after.orgName ?? ''}」，` : ''}组长 ${after.leaders.length} 人，副组长 ${after.deputies.length} 人，成员单位 ${after.units.length} 个`,
      before: names(before),
      after: names(after),
    });
  });
  return getWorkingGroup(ctx.db);
}
