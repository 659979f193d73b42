import { Type, type Static } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { loadOrgName } from '../cases/documents/case-record.js';
import { DEMO_USERS } from '../demo/seed-demo.js';

export const SETUP_STEPS = [
  'orgName',
  'units',
  'liaisons',
  'monitor',
  'leader',
  'office',
  'workingGroup',
  'sources',
  'dictionary',
  'demoAccounts',
] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

/** The response's schema; `key` is one of SETUP_STEPS. */
export const SetupStatus = Type.Object({
  done: Type.Boolean({ description: '每一步都已完成' }),
  steps: Type.Array(
    Type.Object({
      key: Type.String({ description: SETUP_STEPS.join(' / ') }),
      done: Type.Boolean(),
      /** What is there, or what is missing, in Chinese: 「3 个单位」「城建办、综治办 没有联络员」. */
      detail: Type.String(),
      /** The figure behind it (units, people, sources; 0 when missing), so a client words it itself. */
      count: Type.Integer({ minimum: 0 }),
      /**
       * The names behind it: the township's name, the units without a liaison, the demo accounts,
       * or the dictionary's unit names when it has no place name or keyword.
       */
      names: Type.Array(Type.String()),
    }),
  ),
});
type SetupStep = {
  key: SetupStepKey;
  done: boolean;
  detail: string;
  count: number;
  names: string[];
};
export type SetupStatus = Static<typeof SetupStatus> & { steps: SetupStep[] };

/**
 * 上线准备: what a new installation still needs before a post can go from registration to a
 * published reply: the township's name on the documents, units that someone in the system signs
 * for, a monitor to register, a leader to assign and approve, the office to supervise and archive,
 * the working group's leader for the slips, a source to watch, and the 管辖词典 that tells the
 * township's posts from the rest. Read from the data, so the list empties itself as the admin
 * works through it.
 */
export async function setupStatus(db: Kysely<DB>): Promise<SetupStatus> {
  const orgName = await loadOrgName(db);
  const units = await db
    .selectFrom('units as n')
    .select(['n.name'])
    .select(
      sql<boolean>`n.liaison_user_id is not null or exists (
        select 1 from users u where u.unit_id = n.id and u.active and 'liaison' = any(u.roles))`.as(
        'reached',
      ),
    )
    .where('n.active', '=', true)
    .orderBy('n.sort_order')
    .orderBy('n.id')
    .execute();
  const unreached = units.filter((u) => !u.reached).map((u) => u.name);
  const roleCount = async (role: string) =>
    Number(
      (
        await db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('active', '=', true)
          .where(sql<boolean>`${role} = any(roles)`)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [monitors, leaders, office] = await Promise.all([
    roleCount('monitor'),
    roleCount('leader'),
    roleCount('office'),
  ]);
  const groupLeaders = Number(
    (
      await db
        .selectFrom('working_group_members')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('position', '=', 'leader')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const sources = Number(
    (
      await db
        .selectFrom('sources')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('enabled', '=', true)
        .where('kind', 'in', ['rss', 'html', 'json'])
        .executeTakeFirstOrThrow()
    ).n,
  );
  // 管辖词典 (src/ingest/dictionary.ts): with no term entered nothing is judged and every post
  // counts, other towns' too; once any term is entered a post naming none of them, nor a unit's
  // or the township's name, is judged unrelated. Unit names alone (typed in, or the units'
  // own) are seldom in a citizen's post, so a place name or a keyword is what makes it work.
  const terms = await db.selectFrom('jurisdiction_terms').select(['term', 'kind']).execute();
  const ownWords = terms.filter((x) => x.kind !== 'unit').length;
  const unitTerms = terms
    .filter((x) => x.kind === 'unit')
    .map((x) => x.term)
    .sort((a, b) => a.localeCompare(b, 'zh'));
  // The demo's accounts, still active with the password every installation starts them with
  // (never changed since the demo was seeded): anyone who has read the README can sign in.
  const demoAccounts = (
    await db
      .selectFrom('users')
      .select('username')
      .where('active', '=', true)
      .where('password_changed_at', 'is', null)
      .where(
        'username',
        'in',
        DEMO_USERS.map((u) => u.username),
      )
      .orderBy('id')
      .execute()
  ).map((u) => u.username);
  const names = (list: string[]) =>
    list.length > 3 ? `${list.slice(0, 3).join('、')} 等 ${list.length} 个单位` : list.join('、');
  const people = (n: number, missing: string) => (n > 0 ? `${n} 人` : missing);
  const named = orgName !== null && orgName.trim() !== '';
  const steps: SetupStep[] = [
    {
      key: 'orgName',
      done: named,
      detail: orgName ?? '未填写：抄告单、通报和报告将没有落款',
      count: named ? 1 : 0,
      names: named ? [orgName] : [],
    },
    {
      key: 'units',
      done: units.length > 0,
      detail: units.length > 0 ? `${units.length} 个单位` : '还没有单位：抄告单无处可发',
      count: units.length,
      names: [],
    },
    {
      key: 'liaisons',
      done: units.length > 0 && unreached.length === 0,
      detail:
        units.length === 0
          ? '先建立单位'
          : unreached.length === 0
            ? '每个单位都有联络员'
            : `${names(unreached)} 没有联络员：抄告单无人签收`,
      count: units.length,
      names: unreached,
    },
    {
      key: 'monitor',
      done: monitors > 0,
      detail: people(monitors, '没有人登记办件、发布答复'),
      count: monitors,
      names: [],
    },
    {
      key: 'leader',
      done: leaders > 0,
      detail: people(leaders, '没有人批办和审定'),
      count: leaders,
      names: [],
    },
    {
      key: 'office',
      done: office > 0,
      detail: people(office, '没有人督办、通报和归档'),
      count: office,
      names: [],
    },
    {
      key: 'workingGroup',
      done: groupLeaders > 0,
      detail: groupLeaders > 0 ? `组长 ${groupLeaders} 人` : '未设组长',
      count: groupLeaders,
      names: [],
    },
    {
      key: 'sources',
      done: sources > 0,
      detail: sources > 0 ? `${sources} 个在用` : '没有在用的信息源：只能人工录入和导入',
      count: sources,
      names: [],
    },
    {
      key: 'dictionary',
      done: ownWords > 0,
      detail:
        ownWords > 0
          ? `${ownWords} 个地名或关键词`
          : unitTerms.length > 0
            ? '只有单位名：市民很少写单位名，多数帖子将被判为无关'
            : '未填写：不判断相关性，外地的帖子也进入舆情信息',
      count: ownWords,
      names: ownWords > 0 ? [] : unitTerms,
    },
    {
      key: 'demoAccounts',
      done: demoAccounts.length === 0,
      detail:
        demoAccounts.length === 0
          ? '没有使用演示密码的账号'
          : `${demoAccounts.join('、')} 仍使用公开的演示密码：正式使用前请停用或修改密码`,
      count: demoAccounts.length,
      names: demoAccounts,
    },
  ];
  return { done: steps.every((s) => s.done), steps };
}
