import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../../../tests/helpers/docx.js';
import { actorFor, buildUnit, buildUser } from '../../../../tests/factories/index.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import type { Actor } from '../../access/actor.js';
import { archiveCase } from '../archive-case.js';
import { assignCase } from '../assign-case.js';
import { addAttachment } from '../attachments.js';
import { decideExtension, requestExtension } from '../extension.js';
import { signCase, submitReply } from '../handle-case.js';
import { publishReply, rateCase } from '../publish-reply.js';
import { registerCase } from '../register-case.js';
import { approveReply, returnReply } from '../review-reply.js';
import { buildCaseFileDocx } from './case-file-docx.js';
import { loadCaseRecord } from './case-record.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PHOTO = Buffer.from('现场照片：排水沟仍有积水'.repeat(100));

/**
 * What an inspector checks a year later (上级督查): whether each deadline was met, every
 * publication and rating (not only the last), and the list of attachments with their hashes.
 */
let t: TestContext;
let a: Record<'monitor' | 'leader' | 'office' | 'lead' | 'co', Actor>;
let done: number;
let open: number;

/**
 * The 卷宗's text with the deliberate line breaks of its narrow columns joined again: a date over
 * its time, a label over its note, a unit over its role, a size over its bytes.
 */
async function caseFileText(id: number): Promise<string> {
  const record = await loadCaseRecord(t.ctx, a.office, id);
  return (await rawText(record)).replace(/\n(（|\d{2}:\d{2})/g, (_, next: string) =>
    next.startsWith('（') ? next : ` ${next}`,
  );
}

async function rawText(record: Awaited<ReturnType<typeof loadCaseRecord>>): Promise<string> {
  return docxText(
    await buildCaseFileDocx(record, { generatedAt: t.clock.now(), generatedBy: '赵丽' }),
  );
}

beforeAll(async () => {
  t = await createTestContext();
  const ctx = t.ctx;
  const lead = await buildUnit(ctx, { name: '城建办' });
  const co = await buildUnit(ctx, { name: '自然资源所' });
  const office = await buildUnit(ctx, { name: '党政办公室' });
  const user = async (roles: Actor['roles'], unitId: number, name: string) =>
    actorFor(await buildUser(ctx, { roles, unitId, name }));
  a = {
    monitor: await user(['monitor'], office.id, '王敏'),
    leader: await user(['leader'], office.id, '李建国'),
    office: await user(['office'], office.id, '赵丽'),
    lead: await user(['liaison'], lead.id, '张伟'),
    co: await user(['liaison'], co.id, '刘洋'),
  };
  // Posted 2026-11-26 08:00 (Shanghai); the clock stands at 10:00.
  const posted = new Date(t.clock.now().getTime() - 2 * HOUR);
  const register = async (postedAt: Date) =>
    (
      await registerCase({
        ctx,
        actor: a.monitor,
        input: {
          post: {
            source: '县长信箱',
            url: 'https://example.gov.cn/msg/88',
            author: '网友甲',
            postedAt: postedAt.toISOString(),
            title: '青石村道路积水',
            body: '青石村主路下雨就积水。',
          },
        },
      })
    ).id;
  done = await register(posted);
  const id = done;
  t.clock.advance(HOUR); // 11:00: the slip, handling due 11-29 11:00
  await assignCase({
    ctx,
    actor: a.leader,
    id,
    input: { instruction: '请城建办牵头核实处理。', leadUnitId: lead.id, coUnitIds: [co.id] },
  });
  await signCase({ ctx, actor: a.lead, id });
  await signCase({ ctx, actor: a.co, id });
  // Both deadlines move to 12-01 08:00, five days after the post.
  await requestExtension({
    ctx,
    actor: a.lead,
    id,
    reason: '需等待施工队现场勘查',
    until: new Date(posted.getTime() + 5 * DAY),
  });
  await decideExtension({ ctx, actor: a.leader, id, granted: true, comment: '同意延期' });
  t.clock.advance(DAY); // 11-27 11:00: a first draft, sent back
  await submitReply({ ctx, actor: a.lead, id, text: '经核实，已安排疏通排水沟。' });
  await returnReply({ ctx, actor: a.leader, id, comment: '请写明完工时间。' });
  t.clock.advance(3 * DAY - 2 * HOUR); // 11-30 09:00: after the original due time, before the new one
  await submitReply({ ctx, actor: a.lead, id, text: '排水沟将于12月5日前疏通完毕。' });
  await approveReply({ ctx, actor: a.leader, id });
  t.clock.advance(HOUR); // 11-30 10:00
  await publishReply({ ctx, actor: a.monitor, id, url: 'https://example.gov.cn/msg/88#r1' });
  await rateCase({
    ctx,
    actor: a.monitor,
    id,
    rating: 'unsatisfied',
    note: '还是堵的，请回电13812345678',
    reopen: true,
  });
  t.clock.advance(2 * HOUR);
  await submitReply({ ctx, actor: a.lead, id, text: '排水沟已于11月30日疏通完毕，已现场复核。' });
  await approveReply({ ctx, actor: a.leader, id });
  t.clock.advance(DAY + 21 * HOUR); // 12-02 09:00: a day and an hour after 12-01 08:00
  await publishReply({ ctx, actor: a.monitor, id, url: 'https://example.gov.cn/msg/88#r2' });
  await rateCase({ ctx, actor: a.monitor, id, rating: 'satisfied' });
  await addAttachment({
    ctx,
    actor: a.monitor,
    caseId: id,
    file: { filename: '现场照片.png', contentType: 'image/png', data: PHOTO },
  });
  await archiveCase({ ctx, actor: a.office, id });

  // An open slip, not yet due: posted 12-02 08:00, assigned 09:00.
  open = await register(new Date(t.clock.now().getTime() - HOUR));
  await assignCase({
    ctx,
    actor: a.leader,
    id: open,
    input: { instruction: '请城建办核实。', leadUnitId: lead.id, coUnitIds: [] },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('the 卷宗 for an inspector', () => {
  it('numbers the new sections among the others', async () => {
    const text = await caseFileText(done);
    for (const heading of [
      '六、延期申请',
      '七、期限执行情况',
      '八、公开答复',
      '九、网民评价',
      '十、督办催办',
      '十一、附件',
      '十二、办理过程',
    ]) {
      expect(text).toContain(heading);
    }
  });

  it('says of each deadline its original and extended due time, when the act came and whether in time', async () => {
    const text = await caseFileText(done);
    const rows = text.split('\n');
    const after = (label: string) => rows.slice(rows.indexOf(label), rows.indexOf(label) + 6);
    // The public reply: due 11-29 08:00, extended to 12-01 08:00, last published 12-02 09:00.
    expect(after('公开答复期限（发布答复）')).toEqual([
      '公开答复期限（发布答复）',
      '—',
      '2026-11-29 08:00',
      '2026-12-01 08:00',
      '2026-12-02 09:00',
      '超期（晚 1 天 1 小时）',
    ]);
    // The lead unit: the returned draft does not count, the resubmission on 11-30 09:00 does.
    expect(after('办理期限（书面回复）')).toEqual([
      '办理期限（书面回复）',
      '城建办（牵头）',
      '2026-11-29 11:00',
      '2026-12-01 08:00',
      '2026-11-30 09:00',
      '按期',
    ]);
    // The co-unit never contributed.
    expect(after('办理期限（协办意见）')).toEqual([
      '办理期限（协办意见）',
      '自然资源所（协办）',
      '2026-11-29 11:00',
      '2026-12-01 08:00',
      '未完成',
      '超期未完成',
    ]);
    expect(text).toContain('首次发布时间 2026-11-30 10:00');
    expect(text).not.toContain('按现行期限规则推算');
  });

  it('says 未完成 for an open slip not yet due, and 未延期 where no extension was granted', async () => {
    const text = await caseFileText(open);
    const rows = text.split('\n');
    const i = rows.indexOf('办理期限（书面回复）');
    expect(rows.slice(i, i + 6)).toEqual([
      '办理期限（书面回复）',
      '城建办（牵头）',
      '2026-12-05 09:00',
      '未延期',
      '未完成',
      '未完成（未到期）',
    ]);
  });

  it('works the original due time out again where the grant did not record it', async () => {
    // A grant made before the grant kept the due times it replaced.
    await t.ctx.db
      .updateTable('case_events')
      .set({ data: JSON.stringify({ granted: true }) })
      .where('case_id', '=', done)
      .where('action', '=', 'extension.decide')
      .execute();
    const text = await caseFileText(done);
    expect(text).toContain('2026-11-29 08:00 *');
    expect(text).toContain('2026-11-29 11:00 *');
    expect(text).toContain('按现行期限规则推算');
  });

  it('shows every publication, each with the reply it published', async () => {
    const text = await caseFileText(done);
    expect(text).toContain('第 1 次发布');
    expect(text).toContain('第 2 次发布');
    const first = text.indexOf('第 1 次发布');
    const second = text.indexOf('第 2 次发布');
    const firstPart = text.slice(first, second);
    expect(firstPart).toContain('https://example.gov.cn/msg/88#r1');
    expect(firstPart).toContain('2026-11-30 10:00');
    expect(firstPart).toContain('排水沟将于12月5日前疏通完毕。');
    expect(firstPart).toContain('（第 2 次提交）');
    const secondPart = text.slice(second, text.indexOf('九、网民评价'));
    expect(secondPart).toContain('https://example.gov.cn/msg/88#r2');
    expect(secondPart).toContain('排水沟已于11月30日疏通完毕，已现场复核。');
    expect(secondPart).toContain('（第 3 次提交）');
  });

  it('shows every rating, the one that reopened the case too, with the note masked', async () => {
    const text = await caseFileText(done);
    const part = text.slice(text.indexOf('九、网民评价'), text.indexOf('十、督办催办'));
    expect(part).toContain('第 1 次评价');
    expect(part).toContain('不满意');
    expect(part).toContain('还是堵的，请回电138****5678');
    expect(part).not.toContain('13812345678');
    expect(part).toMatch(/王敏.*决定重新办理/);
    expect(part).toContain('第 2 次评价');
    expect(part.slice(part.indexOf('第 2 次评价'))).toContain('满意');
    expect(part).toContain('重新办理共 1 次。');
  });

  it('lists the attachments with size, uploader, time and SHA-256', async () => {
    const text = await caseFileText(done);
    const part = text.slice(text.indexOf('十一、附件'), text.indexOf('十二、办理过程'));
    expect(part).toContain('现场照片.png');
    expect(part).toContain(`${PHOTO.length.toLocaleString('en-US')} 字节`);
    expect(part).toContain('王敏');
    expect(part).toContain('2026-12-02 09:00');
    expect(part).toContain(`SHA-256：${createHash('sha256').update(PHOTO).digest('hex')}`);
    expect(await caseFileText(open)).toContain('无附件。');
  });
});
