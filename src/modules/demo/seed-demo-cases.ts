import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ManualClock } from '../../lib/clock.js';
import type { AppContext } from '../../server/context.js';
import type { Actor } from '../access/actor.js';
import { isRole, permissionsOf } from '../access/roles.js';
import { archiveCase } from '../cases/archive-case.js';
import { assignCase, closeCase } from '../cases/assign-case.js';
import { latestReplyDue } from '../cases/deadlines.js';
import { requestExtension } from '../cases/extension.js';
import { signCase, submitReply } from '../cases/handle-case.js';
import { acknowledgeCase, publishReply, rateCase } from '../cases/publish-reply.js';
import { registerCase } from '../cases/register-case.js';
import { approveReply, returnReply } from '../cases/review-reply.js';
import { urgeOverdue } from '../cases/urge-case.js';

/** A demo user as the actor of what the demo content shows them doing. */
export async function demoActor(db: Kysely<DB>, username: string): Promise<Actor> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'roles', 'unit_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const served = await db
    .selectFrom('units')
    .select('id')
    .where('liaison_user_id', '=', u.id)
    .execute();
  const roles = u.roles.filter(isRole);
  return {
    kind: 'user',
    id: u.id,
    username: u.username,
    name: u.name,
    roles,
    unitId: u.unit_id,
    unitIds: [...new Set([...(u.unit_id ? [u.unit_id] : []), ...served.map((s) => s.id)])],
    permissions: new Set(permissionsOf(roles)),
    ip: null,
  };
}

async function unitId(db: Kysely<DB>, name: string): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

const HOUR = 3_600_000;

/** Invented messages for the demo township, written for it; any likeness to a real one is chance. */
const MESSAGES = [
  {
    title: '青石村主路雨后积水严重',
    body: '青石村村口到小学那段主路每逢下雨就积水，孩子上学要绕行，希望尽快疏通排水沟。',
    source: '县长信箱',
  },
  {
    title: '新街社区夜间施工噪音扰民',
    body: '新街社区东侧工地连续多晚施工到凌晨，老人孩子休息不好，请相关部门管一管。',
    source: '云溪论坛',
  },
  {
    title: '柳塘村垃圾清运不及时',
    body: '柳塘村三组垃圾池已经满了好几天没人清运，天热气味很大。',
    source: '网络问政平台',
  },
  {
    title: '河口村桥面护栏损坏',
    body: '河口村老桥西侧护栏断了一截，晚上路过很危险，建议尽快修复并设置警示。',
    source: '县长信箱',
  },
  {
    title: '镇卫生院周末挂号难',
    body: '周末带孩子去镇卫生院看病，只开一个窗口，排队一个多小时。',
    source: '云溪论坛',
  },
  {
    title: '中心学校门口上下学拥堵',
    body: '中心学校门口接送车辆乱停，早晚高峰堵得水泄不通，希望安排人员疏导。',
    source: '网络问政平台',
  },
  {
    title: '农贸市场占道经营',
    body: '农贸市场外面的摊贩占了大半条街，车辆通行困难。',
    source: '云溪论坛',
  },
  {
    title: '自建房审批进度咨询',
    body: '我家三月份提交的自建房申请一直没有消息，想了解审批到哪一步了。',
    source: '县长信箱',
  },
  {
    title: '路灯长期不亮',
    body: '新街到柳塘村的路段有十几盏路灯坏了两个月，晚上骑车看不清路。',
    source: '网络问政平台',
  },
  {
    title: '建议增设公交站点',
    body: '河口村到镇上没有公交站点，老人出行很不方便，建议增设一个站点。',
    source: '县长信箱',
  },
  {
    title: '重复反映青石村积水问题',
    body: '青石村积水的问题我上周已经反映过了，补充几张照片说明情况。',
    source: '云溪论坛',
  },
  {
    title: '小区停车位不足',
    body: '新街社区老小区停车位太少，晚上车都停到消防通道上了。',
    source: '网络问政平台',
  },
];

/**
 * Cases in every state, some overdue, so that every page of the demo has something to show.
 * They are made through the real use cases on a clock that starts days ago.
 */
export async function seedDemoCases(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const clock = new ManualClock(new Date(now.getTime() - 6 * 24 * HOUR));
  const c: AppContext = { ...ctx, clock };
  const db = ctx.db;
  const [monitor, leader, liaison, office] = await Promise.all(
    ['monitor', 'leader', 'liaison', 'office'].map((u) => demoActor(db, u)),
  );
  if (!monitor || !leader || !liaison || !office) return 0;
  const construction = await unitId(db, '城建办');
  const land = await unitId(db, '自然资源所');
  const stability = await unitId(db, '综治办');
  const school = await unitId(db, '中心学校');

  const register = async (i: number, hoursAgo: number, urgent = false) => {
    clock.set(new Date(now.getTime() - hoursAgo * HOUR));
    const m = MESSAGES[i] ?? MESSAGES[0];
    if (!m) throw new Error('no demo message');
    const { id } = await registerCase({
      ctx: c,
      actor: monitor,
      input: {
        post: {
          source: m.source,
          url: `https://example.invalid/yunxi/${i + 1}`,
          author: `网友${String(1000 + i * 37)}`,
          postedAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString(),
          title: m.title,
          body: m.body,
          contact: i % 3 === 0 ? `1390000${String(1000 + i).padStart(4, '0')}` : null,
        },
        urgent,
      },
    });
    clock.advance(HOUR);
    return id;
  };
  const assign = async (id: number, lead: number, co: number[] = [], urgent = false) => {
    await assignCase({
      ctx: c,
      actor: leader,
      id,
      input: {
        instruction: '请牵头单位核实情况，依法依规处理，按时答复网民。',
        leadUnitId: lead,
        coUnitIds: co,
        urgent,
      },
    });
    clock.advance(HOUR);
  };
  const handle = async (id: number, text: string) => {
    await signCase({ ctx: c, actor: liaison, id });
    clock.advance(2 * HOUR);
    await submitReply({ ctx: c, actor: liaison, id, text });
    clock.advance(HOUR);
  };

  // Registered, not yet seen by a leader; one acknowledged.
  await register(5, 3);
  const ack = await register(9, 5);
  await acknowledgeCase({ ctx: c, actor: monitor, id: ack });
  // Assigned to 城建办 and waiting for its signature; one to 综治办, now overdue.
  await assign(await register(1, 20), construction, [stability]);
  await assign(await register(6, 100, true), stability, [], true);
  // Handling: signed, a co-unit's part in, an extension asked for.
  const handling = await register(0, 40);
  await assign(handling, construction, [land]);
  await signCase({ ctx: c, actor: liaison, id: handling });
  const ext = await register(7, 30);
  await assign(ext, construction);
  await signCase({ ctx: c, actor: liaison, id: ext });
  // Half a day past the reply's due time, within the 5 days after the post whichever way days are
  // counted (with working days, a fixed 80 hours could fall before a due time across a weekend).
  const due = await db
    .selectFrom('cases as k')
    .innerJoin('posts as p', 'p.id', 'k.post_id')
    .select(['k.reply_due_at', 'p.posted_at'])
    .where('k.id', '=', ext)
    .executeTakeFirstOrThrow();
  await requestExtension({
    ctx: c,
    actor: liaison,
    id: ext,
    reason: '需要与县自然资源局核对审批档案',
    until: new Date(
      Math.min(
        new Date(due.reply_due_at).getTime() + 12 * HOUR,
        latestReplyDue(ctx.config.deadlines, new Date(due.posted_at)).getTime(),
      ),
    ),
  });
  // Waiting for the leader's approval; one returned for revision and not yet resubmitted.
  const reviewing = await register(8, 50);
  await assign(reviewing, construction);
  await handle(reviewing, '经现场核查，该路段共 13 盏路灯损坏，已联系供电所于本周内完成更换。');
  const returned = await register(11, 45);
  await assign(returned, construction, [stability]);
  await handle(returned, '已了解情况，将研究解决。');
  await returnReply({
    ctx: c,
    actor: leader,
    id: returned,
    comment: '答复过于笼统，请写明具体措施、完成时间和联系电话。',
  });
  clock.advance(HOUR);
  // Approved, waiting to be published; published and rated; archived; closed without reply.
  const approved = await register(3, 70, true);
  await assign(approved, construction, [], true);
  await handle(
    approved,
    '已在断裂处设置警示标志，护栏将于 3 日内修复完毕。联系电话：0000-6610003。',
  );
  await approveReply({ ctx: c, actor: leader, id: approved });
  const published = await register(2, 120);
  await assign(published, construction);
  await handle(published, '已协调环卫公司增加柳塘村三组清运频次，今后每两日清运一次。');
  await approveReply({ ctx: c, actor: leader, id: published });
  await publishReply({
    ctx: c,
    actor: monitor,
    id: published,
    url: 'https://example.invalid/yunxi/3#reply',
  });
  await rateCase({ ctx: c, actor: monitor, id: published, rating: 'satisfied' });
  const archived = await register(4, 140);
  await assign(archived, construction, [school]);
  await handle(archived, '镇卫生院自下周起周末增开一个挂号窗口，并推行电话预约。');
  await approveReply({ ctx: c, actor: leader, id: archived });
  await publishReply({
    ctx: c,
    actor: monitor,
    id: archived,
    url: 'https://example.invalid/yunxi/5#reply',
  });
  await rateCase({ ctx: c, actor: monitor, id: archived, rating: 'basically' });
  await archiveCase({ ctx: c, actor: office, id: archived });
  const dup = await register(10, 10);
  await closeCase({
    ctx: c,
    actor: leader,
    id: dup,
    reason: '与已受理的青石村积水办件内容重复，合并办理。',
  });
  clock.set(now);
  await urgeOverdue(c);
  return MESSAGES.length;
}
