import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { docxText } from '../../../../tests/helpers/docx.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  buildUnit,
  buildUser,
  type BuiltUser,
} from '../../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../../tests/helpers/db.js';
import type { BuiltApp } from '../../../server/app.js';
import type { Actor } from '../../access/actor.js';
import { archiveCase } from '../archive-case.js';
import { assignCase } from '../assign-case.js';
import { decideExtension, requestExtension } from '../extension.js';
import { contributeToCase, signCase, submitReply } from '../handle-case.js';
import { acknowledgeCase, publishReply, rateCase } from '../publish-reply.js';
import { registerCase } from '../register-case.js';
import { approveReply, returnReply } from '../review-reply.js';
import { urgeCase } from '../urge-case.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CONTACT = '13812345678';
const MASKED = '138****5678';
const INSTRUCTION = '请城建办牵头核实处理，自然资源所配合，三日内书面回复。';

let t: TestContext;
let built: BuiltApp;
const users: Record<string, BuiltUser> = {};
const actors: Record<string, Actor> = {};
const clients: Record<string, ApiClient> = {};
let fullCase: number;
let registeredOnly: number;

async function download(who: string, url: string) {
  const client = clients[who];
  if (!client) throw new Error(`no client ${who}`);
  return client.request('GET', url);
}

beforeAll(async () => {
  t = await createTestContext();
  const lead = await buildUnit(t.ctx, { name: '城建办' });
  const co = await buildUnit(t.ctx, { name: '自然资源所' });
  const other = await buildUnit(t.ctx, { name: '卫生院' });
  const office = await buildUnit(t.ctx, { name: '党政办公室' });
  const specs: [string, BuiltUser['roles'], number | null, string][] = [
    ['monitor', ['monitor'], office.id, '王敏'],
    ['leader', ['leader'], office.id, '李建国'],
    ['office', ['office'], office.id, '赵丽'],
    ['viewer', ['viewer'], office.id, '陈静'],
    ['leadLiaison', ['liaison'], lead.id, '张伟'],
    ['coLiaison', ['liaison'], co.id, '刘洋'],
    ['stranger', ['liaison'], other.id, '周杰'],
  ];
  for (const [key, roles, unitId, name] of specs) {
    users[key] = await buildUser(t.ctx, { roles, unitId, name });
    actors[key] = actorFor(users[key]);
  }
  const a = (key: string) => {
    const actor = actors[key];
    if (!actor) throw new Error(key);
    return actor;
  };
  // The leader signs for the working group.
  await t.ctx.db
    .insertInto('working_group_members')
    .values({ user_id: users.leader?.id ?? 0, position: 'leader' })
    .execute();

  const posted = new Date(t.clock.now().getTime() - 2 * HOUR);
  const register = async () =>
    (
      await registerCase({
        ctx: t.ctx,
        actor: a('monitor'),
        input: {
          post: {
            source: '县长信箱',
            url: 'https://example.gov.cn/msg/88',
            author: '网友甲',
            postedAt: posted.toISOString(),
            title: '青石村道路积水',
            // The number is in the text too, as citizens write it: masked wherever the field is.
            body: `青石村主路下雨就积水，希望尽快修排水沟。\n附近老人出行很不方便。联系电话${CONTACT}。`,
            contact: CONTACT,
          },
        },
      })
    ).id;
  fullCase = await register();
  registeredOnly = await register();
  const ctx = t.ctx;
  const id = fullCase;
  await acknowledgeCase({ ctx, actor: a('monitor'), id });
  t.clock.advance(HOUR);
  await assignCase({
    ctx,
    actor: a('leader'),
    id,
    input: { instruction: INSTRUCTION, leadUnitId: lead.id, coUnitIds: [co.id] },
  });
  t.clock.advance(HOUR);
  await signCase({ ctx, actor: a('leadLiaison'), id });
  await signCase({ ctx, actor: a('coLiaison'), id });
  await contributeToCase({
    ctx,
    actor: a('coLiaison'),
    id,
    text: '该路段排水沟属村道配套，建议纳入本年度维修计划。',
  });
  await requestExtension({
    ctx,
    actor: a('leadLiaison'),
    id,
    reason: '需等待施工队现场勘查',
    until: new Date(posted.getTime() + 5 * DAY),
  });
  await decideExtension({ ctx, actor: a('leader'), id, granted: true, comment: '同意延期' });
  await urgeCase({ ctx, actor: a('office'), id, comment: '请抓紧办理' });
  t.clock.advance(DAY);
  await submitReply({ ctx, actor: a('leadLiaison'), id, text: '经核实，已安排疏通排水沟。' });
  await returnReply({ ctx, actor: a('leader'), id, comment: '请写明完工时间。' });
  await submitReply({
    ctx,
    actor: a('leadLiaison'),
    id,
    text: '经核实，排水沟将于12月5日前疏通完毕。',
  });
  await approveReply({ ctx, actor: a('leader'), id, comment: '同意发布' });
  await publishReply({ ctx, actor: a('monitor'), id, url: 'https://example.gov.cn/msg/88#reply' });
  await rateCase({ ctx, actor: a('monitor'), id, rating: 'satisfied', note: '回复及时' });
  await archiveCase({ ctx, actor: a('office'), id });

  built = await buildTestApp(t.ctx);
  for (const key of Object.keys(users)) {
    const u = users[key];
    if (u) clients[key] = await loginAs(built, u.username, u.password);
  }
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('the slip (抄告单)', () => {
  it('is a Word document that looks like the form, with the whole contact for a monitor', async () => {
    const res = await download('monitor', `/api/cases/${fullCase}/slip.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toContain('slip-2026-0001.docx');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('抄告单-2026-0001'));
    const zip = unzipSync(res.rawPayload);
    const xml = strFromU8(zip['word/document.xml'] ?? new Uint8Array());
    // A4 portrait, a bordered table, East Asian fonts with fallbacks in the font table.
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toContain('<w:tblBorders>');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    const fonts = strFromU8(zip['word/fontTable.xml'] ?? new Uint8Array());
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:altName w:val="SimHei"/>');

    const text = docxText(res.rawPayload);
    // No township name configured: the neutral title, never an invented township.
    expect(text.split('\n')[0]).toBe('网络舆情抄告单');
    expect(text).toContain('签发单位：网络舆情工作小组');
    expect(text).toContain('编号：2026-0001');
    expect(text).toContain('2026年11月26日');
    for (const label of [
      '编号',
      '来源',
      '发帖时间',
      '网民',
      '留言标题',
      '留言内容',
      '领导批示',
      '牵头单位',
      '协办单位',
      '办理时限',
      '回复时限',
      '签收回执',
      '签收单位',
      '签收人',
      '签收时间',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain('县长信箱');
    expect(text).toContain('2026-11-26 08:00');
    expect(text).toContain('青石村道路积水');
    expect(text).toContain('附近老人出行很不方便。');
    expect(text).toContain(INSTRUCTION);
    expect(text).toContain('批示人：李建国');
    expect(text).toContain('城建办（牵头）');
    expect(text).toContain('自然资源所（协办）');
    expect(text).toContain('张伟');
    expect(text).toContain('刘洋');
    // Extended to 5 days after the post: 2026-12-01 08:00 in Shanghai.
    expect(text).toContain('普通件：2026-12-01 08:00 前报送书面回复（已批准延期）');
    expect(text).toContain(`联系方式：${CONTACT}`);
  });

  it('masks the contact for the office and a viewer, and shows it whole to the liaison handling it', async () => {
    for (const who of ['office', 'viewer']) {
      const text = docxText((await download(who, `/api/cases/${fullCase}/slip.docx`)).rawPayload);
      expect(text, who).toContain(`联系方式：${MASKED}`);
      expect(text, who).not.toContain(CONTACT);
    }
    const liaison = await download('leadLiaison', `/api/cases/${fullCase}/slip.docx`);
    expect(liaison.statusCode).toBe(200);
    expect(docxText(liaison.rawPayload)).toContain(CONTACT);
  });

  it('takes the township name from the settings', async () => {
    await t.ctx.db
      .insertInto('settings')
      .values({ key: 'org.name', value: JSON.stringify('青山镇'), updated_at: t.clock.now() })
      .execute();
    try {
      const text = docxText(
        (await download('office', `/api/cases/${fullCase}/slip.docx`)).rawPayload,
      );
      expect(text.split('\n')[0]).toBe('青山镇网络舆情抄告单');
      expect(text).toContain('签发单位：青山镇网络舆情工作小组');
    } finally {
      await t.ctx.db.deleteFrom('settings').where('key', '=', 'org.name').execute();
    }
  });

  it('is refused with 409 for a case without a slip, and 404 for a liaison of another unit', async () => {
    const none = await download('monitor', `/api/cases/${registeredOnly}/slip.docx`);
    expect(none.statusCode).toBe(409);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    for (const doc of ['slip.docx', 'file.docx', 'bundle.zip']) {
      const res = await download('stranger', `/api/cases/${fullCase}/${doc}`);
      expect(res.statusCode, doc).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    }
    expect((await download('monitor', '/api/cases/999999/file.docx')).statusCode).toBe(404);
  });
});

describe('the case file (卷宗)', () => {
  it('holds the whole record, with the contact masked even for a monitor', async () => {
    const res = await download('monitor', `/api/cases/${fullCase}/file.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('case-file-2026-0001.docx');
    const text = docxText(res.rawPayload);
    expect(text).toContain('网络舆情办件卷宗');
    expect(text).toContain('抄告单编号：2026-0001');
    expect(text).toContain('导出人：王敏');
    expect(text).toContain(MASKED);
    expect(text).not.toContain(CONTACT);
    for (const heading of [
      '一、网民留言',
      '二、受理与批办',
      '三、网络舆情抄告单',
      '四、承办单位办理情况',
      '五、书面回复及审定',
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
    expect(text).toContain(INSTRUCTION);
    expect(text).toContain('自然资源所协办意见：');
    expect(text).toContain('该路段排水沟属村道配套，建议纳入本年度维修计划。');
    expect(text).toContain('第 1 次提交');
    expect(text).toContain('经核实，已安排疏通排水沟。');
    expect(text).toContain('退回修改');
    expect(text).toContain('请写明完工时间。');
    expect(text).toContain('第 2 次提交');
    expect(text).toContain('审定通过');
    expect(text).toContain('需等待施工队现场勘查');
    expect(text).toContain('同意延期');
    expect(text).toContain('https://example.gov.cn/msg/88#reply');
    expect(text).toContain('满意');
    expect(text).toContain('回复及时');
    expect(text).toContain('赵丽');
    expect(text).toContain('书面回复期限');
    // The timeline: every act, in order, with its state change.
    for (const act of [
      '受理登记',
      '告知已收悉',
      '批办',
      '签收',
      '提交协办意见',
      '申请延期',
      '审批延期',
      '催办',
      '发布回复',
      '记录评价',
      '归档',
    ]) {
      expect(text).toContain(act);
    }
    expect(text).toContain('（已回复 → 已归档）');
  });
});

describe('the bundle', () => {
  it('holds case.json, the slip, the case file and checksums that verify', async () => {
    const res = await download('office', `/api/cases/${fullCase}/bundle.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = unzipSync(res.rawPayload);
    expect(Object.keys(zip).sort()).toEqual([
      'attachments/',
      'case.json',
      'checksums.sha256',
      'file.docx',
      'slip.docx',
    ]);
    const lines = strFromU8(zip['checksums.sha256'] ?? new Uint8Array())
      .trim()
      .split('\n');
    expect(lines.map((l) => l.split('  ')[1])).toEqual(['case.json', 'file.docx', 'slip.docx']);
    for (const line of lines) {
      const [hash, name] = line.split('  ');
      const data = zip[name ?? ''];
      expect(data, name).toBeDefined();
      expect(
        createHash('sha256')
          .update(data ?? new Uint8Array())
          .digest('hex'),
      ).toBe(hash);
    }

    const json = JSON.parse(strFromU8(zip['case.json'] ?? new Uint8Array())) as {
      schemaVersion: number;
      generatedAt: string;
      files: string[];
      attachments: unknown[];
      case: { slipNo: string; state: string; post: { contact: string }; timeline: unknown[] };
      record: {
        units: { name: string; signedBy: string }[];
        urges: unknown[];
        deadlines: { kind: string; status: string }[];
        publications: unknown[];
        ratings: { rating: string }[];
      };
    };
    expect(json.schemaVersion).toBe(1);
    expect(json.generatedAt).toBe(t.clock.now().toISOString());
    expect(json.attachments).toEqual([]);
    expect(json.case).toMatchObject({ slipNo: '2026-0001', state: 'archived' });
    expect(json.case).not.toHaveProperty('actions');
    expect(json.case.post.contact).toBe(MASKED);
    expect(JSON.stringify(json.case)).not.toContain(CONTACT);
    expect(json.case.timeline).toHaveLength(16);
    expect(json.record.units.map((u) => [u.name, u.signedBy])).toEqual([
      ['城建办', '张伟'],
      ['自然资源所', '刘洋'],
    ]);
    expect(json.record.urges).toHaveLength(1);
    // Each deadline with its verdict, every publication and rating (DESIGN §2.7).
    expect(json.record.deadlines.map((d) => [d.kind, d.status])).toEqual([
      ['reply', 'on-time'],
      ['handling', 'on-time'],
      ['handling', 'on-time'],
    ]);
    expect(json.record.publications).toHaveLength(1);
    expect(json.record.ratings.map((r) => r.rating)).toEqual(['satisfied']);
    // The slip inside is an export too: masked whoever downloads the bundle.
    const slip = docxText(zip['slip.docx'] ?? new Uint8Array());
    expect(slip).toContain(MASKED);
    expect(slip).not.toContain(CONTACT);
    expect(docxText(zip['file.docx'] ?? new Uint8Array())).toContain('网络舆情办件卷宗');
  });

  it('verifies with sha256sum -c once unpacked', async (ctx) => {
    try {
      execFileSync('sha256sum', ['--version']);
    } catch {
      ctx.skip();
    }
    const res = await download('monitor', `/api/cases/${fullCase}/bundle.zip`);
    const dir = mkdtempSync(join(tmpdir(), 'yq-bundle-'));
    try {
      for (const [name, data] of Object.entries(unzipSync(res.rawPayload))) {
        if (!name.endsWith('/')) writeFileSync(join(dir, name), data);
      }
      const out = execFileSync('sha256sum', ['-c', 'checksums.sha256'], { cwd: dir }).toString();
      expect(out).toContain('case.json: OK');
      expect(out).toContain('slip.docx: OK');
      expect(out).toContain('file.docx: OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the slip out for a case that has none', async () => {
    const res = await download('viewer', `/api/cases/${registeredOnly}/bundle.zip`);
    expect(res.statusCode).toBe(200);
    const zip = unzipSync(res.rawPayload);
    expect(Object.keys(zip).sort()).toEqual([
      'attachments/',
      'case.json',
      'checksums.sha256',
      'file.docx',
    ]);
    expect(docxText(zip['file.docx'] ?? new Uint8Array())).toContain('本件未批办，无抄告单。');
  });
});
