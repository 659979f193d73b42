import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ManualClock } from '../../lib/clock.js';
import type { AppContext } from '../../server/context.js';
import type { Actor } from '../access/actor.js';
import { isRole, permissionsOf } from '../access/roles.js';
import { addPosts } from './change-posts.js';
import { closeIncident } from './close-incident.js';
import { composeReport } from './compose-report.js';
import { openIncident } from './open-incident.js';
import { recordAssessment } from './record-assessment.js';
import { recordMeasure } from './record-measure.js';
import { sendImmediateReport } from './send-report.js';

const HOUR = 3_600_000;

async function demoActor(db: Kysely<DB>, username: string): Promise<Actor | null> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'roles', 'unit_id'])
    .where('username', '=', username)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!u) return null;
  const roles = u.roles.filter(isRole);
  return {
    kind: 'user',
    id: u.id,
    username: u.username,
    name: u.name,
    roles,
    unitId: u.unit_id,
    unitIds: u.unit_id === null ? [] : [u.unit_id],
    permissions: new Set(permissionsOf(roles)),
    ip: null,
  };
}

/** The demo case posts by title (src/modules/demo/seed-demo-cases.ts registers them). */
async function postByTitle(db: Kysely<DB>, title: string): Promise<number | null> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('title', '=', title)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Two incidents over the demo township's posts, made through the real use cases on a clock that
 * runs from days ago: 河口村老桥护栏 handled and closed with its report, and 青石村主路积水
 * still open, with a second post added later. Each has an immediate report, assessments and
 * measures. Does nothing when an incident exists or the demo users and posts are missing.
 * Returns how many incidents it made.
 */
export async function seedDemoIncidents(ctx: AppContext): Promise<number> {
  const db = ctx.db;
  if (await db.selectFrom('incidents').select('id').limit(1).executeTakeFirst()) return 0;
  const [monitor, leader] = await Promise.all([demoActor(db, 'monitor'), demoActor(db, 'leader')]);
  const [bridge, flood, floodAgain] = await Promise.all([
    postByTitle(db, '河口村桥面护栏损坏'),
    postByTitle(db, '青石村主路雨后积水严重'),
    postByTitle(db, '重复反映青石村积水问题'),
  ]);
  if (!monitor?.id || !leader?.id || bridge === null || flood === null) return 0;

  const now = ctx.clock.now().getTime();
  const clock = new ManualClock(new Date(now - 66 * HOUR));
  const c: AppContext = { ...ctx, clock };
  const at = (hoursAgo: number) => clock.set(new Date(now - hoursAgo * HOUR));
  const report = async (actor: Actor, id: number) =>
    sendImmediateReport({
      ctx: c,
      actor,
      id,
      text: await composeReport(c, id, 'immediate'),
    });

  // 河口村老桥护栏: a safety hazard, 较大, handled by the leader and closed a day ago.
  const closed = await openIncident({
    ctx: c,
    actor: monitor,
    input: {
      title: '河口村老桥护栏损坏',
      summary: '网民反映河口村老桥西侧护栏断裂，夜间通行存在坠落风险。',
      level: 'major',
      ownerId: leader.id,
      postIds: [bridge],
      keywords: ['河口村', '护栏'],
    },
  });
  at(65);
  await report(monitor, closed);
  at(64);
  await recordMeasure({
    ctx: c,
    actor: leader,
    id: closed,
    input: {
      kind: 'meeting',
      description: '组织城建办、河口村委会现场查看，确定先设警示、再修复护栏。',
      takenAt: new Date(now - 64.5 * HOUR),
      ownerUnit: '城建办',
    },
  });
  at(62);
  await recordAssessment({
    ctx: c,
    actor: leader,
    id: closed,
    input: {
      judgement: '涉及群众出行安全，关注度可能上升，须当日设置警示并公开回应修复时限。',
      trend: 'rising',
      riskLevel: 'major',
    },
  });
  at(50);
  await recordMeasure({
    ctx: c,
    actor: monitor,
    id: closed,
    input: {
      kind: 'official_reply',
      description: '在县长信箱答复：已在断裂处设置警示标志，护栏将于 3 日内修复完毕。',
      takenAt: new Date(now - 50 * HOUR),
      ownerUnit: '城建办',
      url: 'https://example.invalid/yunxi/4#reply',
    },
  });
  at(30);
  await recordMeasure({
    ctx: c,
    actor: monitor,
    id: closed,
    input: {
      kind: 'follow_up_monitoring',
      description: '连续两日跟踪监测，未发现新的相关信息。',
      takenAt: new Date(now - 30 * HOUR),
      ownerUserId: monitor.id,
    },
  });
  at(28);
  await recordAssessment({
    ctx: c,
    actor: leader,
    id: closed,
    input: {
      judgement: '护栏已修复，网民未再反映，舆情平息。',
      trend: 'falling',
      riskLevel: 'general',
    },
  });
  at(24);
  await closeIncident({
    ctx: c,
    actor: leader,
    id: closed,
    closingReport:
      (await composeReport(c, closed, 'closing')) +
      '护栏已修复并经现场验收，县长信箱已公开答复，跟踪监测两日无新增信息，处置结束。',
  });

  // 青石村主路积水: still open; a second message came in later and was added.
  at(38);
  const open = await openIncident({
    ctx: c,
    actor: monitor,
    input: {
      title: '青石村主路雨后积水',
      summary: '网民反映青石村村口至小学路段每逢下雨积水，学生上学需绕行。',
      level: 'general',
      ownerId: monitor.id,
      postIds: [flood],
      keywords: ['青石村', '积水'],
    },
  });
  at(37);
  await report(monitor, open);
  at(36);
  await recordAssessment({
    ctx: c,
    actor: monitor,
    id: open,
    input: {
      judgement: '属民生诉求，情绪平稳，暂无扩散迹象；雨季可能反复，需持续关注。',
      trend: 'stable',
      riskLevel: 'general',
    },
  });
  at(35);
  await recordMeasure({
    ctx: c,
    actor: monitor,
    id: open,
    input: {
      kind: 'follow_up_monitoring',
      description: '将「青石村 积水」列入重点监测，每日查看论坛和县长信箱。',
      takenAt: new Date(now - 35 * HOUR),
      ownerUserId: monitor.id,
    },
  });
  if (floodAgain !== null) {
    at(9);
    await addPosts({ ctx: c, actor: monitor, id: open, postIds: [floodAgain] });
  }
  at(8);
  await recordMeasure({
    ctx: c,
    actor: monitor,
    id: open,
    input: {
      kind: 'meeting',
      description: '城建办、自然资源所到青石村现场查看排水沟堵塞情况，拟本周疏通。',
      takenAt: new Date(now - 8 * HOUR),
      ownerUnit: '城建办',
    },
  });
  return 2;
}
