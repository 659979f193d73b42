import type { Kysely } from 'kysely';
import type { BriefSource } from './write-brief.js';
import type { DB } from '../../db/schema.js';
import { ManualClock } from '../../lib/clock.js';
import { formatDateTime } from '../../lib/format.js';
import type { AppContext } from '../../server/context.js';
import type { Actor } from '../access/actor.js';
import { isRole, permissionsOf } from '../access/roles.js';
import { markSubmitted, recordOutcome, reviewBrief, sendForReview } from './review-brief.js';
import { setQuota } from './set-quota.js';
import { writeBrief } from './write-brief.js';

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

/**
 * Five briefs in every state, written through the real use cases on a clock that runs from days
 * ago: two submitted (one adopted and instructed, one adopted), one waiting for review, one
 * returned, one draft; and this month's quotas for the monitors' unit and two people. Sources
 * are the demo incidents and posts when present. Does nothing when a brief exists or the demo
 * users are missing. Returns how many briefs it made.
 */
export async function seedDemoInfoReports(ctx: AppContext): Promise<number> {
  const db = ctx.db;
  if (await db.selectFrom('info_briefs').select('id').limit(1).executeTakeFirst()) return 0;
  const [monitor, leader, office] = await Promise.all(
    ['monitor', 'leader', 'office'].map((u) => demoActor(db, u)),
  );
  if (!monitor?.id || !leader?.id || !office?.id) return 0;

  const incident = await db
    .selectFrom('incidents')
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const posts = await db
    .selectFrom('posts')
    .select('id')
    .where('relevant', '=', true)
    .orderBy('posted_at', 'desc')
    .limit(4)
    .execute();
  const fromPost = (i: number): BriefSource | undefined => {
    const p = posts[i];
    return p ? { kind: 'post', id: p.id } : undefined;
  };

  const now = ctx.clock.now().getTime();
  const clock = new ManualClock(new Date(now - 72 * HOUR));
  const c: AppContext = { ...ctx, clock };
  const at = (hoursAgo: number) => clock.set(new Date(now - hoursAgo * HOUR));
  const write = (actor: Actor, source: BriefSource | undefined, title: string, body: string) =>
    writeBrief({ ctx: c, actor, input: source ? { source } : { title, body } });

  // 1: from the first incident, submitted to the city, adopted and instructed.
  const first = await write(
    monitor,
    incident ? { kind: 'incident', id: incident.id } : fromPost(0),
    '网民反映村道安全隐患',
    '网民反映村道护栏损坏，存在安全隐患，相关部门已现场处置。',
  );
  await sendForReview({ ctx: c, actor: monitor, id: first });
  at(70);
  await reviewBrief({ ctx: c, actor: leader, id: first, decision: 'approve' });
  at(69);
  await markSubmitted({ ctx: c, actor: monitor, id: first, submittedTo: '市委网信办' });
  at(30);
  await recordOutcome({
    ctx: c,
    actor: office,
    id: first,
    input: { kind: 'adopted', byWhom: '市委网信办《网络舆情》', level: '市级' },
  });
  await recordOutcome({
    ctx: c,
    actor: office,
    id: first,
    input: { kind: 'instruction', byWhom: '县委副书记', level: '县级', note: '请城建办抓紧修复' },
  });

  // 2: from a post, submitted and adopted.
  at(48);
  const second = await write(office, fromPost(1), '群众反映道路积水', '群众反映道路雨后积水。');
  await sendForReview({ ctx: c, actor: office, id: second });
  at(46);
  await reviewBrief({ ctx: c, actor: leader, id: second, decision: 'approve' });
  await markSubmitted({ ctx: c, actor: office, id: second, submittedTo: '县委办公室' });
  at(20);
  await recordOutcome({
    ctx: c,
    actor: office,
    id: second,
    input: { kind: 'adopted', byWhom: '县委办公室《每日要情》', level: '县级' },
  });

  // 3: waiting for review; 4: returned with the leader's comment; 5: a draft.
  at(6);
  const third = await write(monitor, fromPost(2), '网民关注学校周边交通', '网民关注学校周边交通。');
  await sendForReview({ ctx: c, actor: monitor, id: third });
  at(5);
  const fourth = await write(
    monitor,
    fromPost(3),
    '网民反映噪音扰民',
    '网民反映夜间施工噪音扰民。',
  );
  await sendForReview({ ctx: c, actor: monitor, id: fourth });
  at(3);
  await reviewBrief({
    ctx: c,
    actor: leader,
    id: fourth,
    decision: 'return',
    comment: `请补充处置进展（${formatDateTime(new Date(now - 3 * HOUR))}）`,
  });
  at(1);
  await write(office, undefined, '本周网络舆情综述', '本周全镇网络舆情总体平稳。');

  const month = formatDateTime(new Date(now)).slice(0, 7);
  if (monitor.unitId !== null) {
    await setQuota({ ctx: c, actor: office, input: { month, unitId: monitor.unitId, quota: 6 } });
  }
  await setQuota({ ctx: c, actor: office, input: { month, userId: monitor.id, quota: 3 } });
  await setQuota({ ctx: c, actor: office, input: { month, userId: office.id, quota: 2 } });
  return 5;
}
