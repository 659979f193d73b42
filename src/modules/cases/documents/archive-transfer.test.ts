import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../../../tests/helpers/docx.js';
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
import { assignCase, closeCase } from '../assign-case.js';
import { addAttachment } from '../attachments.js';
import { signCase, submitReply } from '../handle-case.js';
import { publishReply } from '../publish-reply.js';
import { registerCase } from '../register-case.js';
import { approveReply } from '../review-reply.js';
import { planArchiveTransfer } from './archive-transfer.js';

const DAY = 86_400_000;
const CONTACT = '13812345678';
const MASKED = '138****5678';
const PERIOD = 'from=2026-01-01&to=2026-12-31';

let t: TestContext;
let built: BuiltApp;
const users: Record<string, BuiltUser> = {};
const actors: Record<string, Actor> = {};
const clients: Record<string, ApiClient> = {};
let slipped: number;
let closed: number;
let leadUnit: number;

const a = (key: string): Actor => {
  const actor = actors[key];
  if (!actor) throw new Error(key);
  return actor;
};

async function register(title: string): Promise<number> {
  const { id } = await registerCase({
    ctx: t.ctx,
    actor: a('monitor'),
    input: {
      post: {
        source: '县长信箱',
        url: `https://example.gov.cn/msg/${title}`,
        author: '网友甲',
        postedAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
        title,
        body: `${title}，请尽快处理。联系电话${CONTACT}。`,
        contact: CONTACT,
      },
    },
  });
  return id;
}

async function get(who: string, url: string) {
  const client = clients[who];
  if (!client) throw new Error(who);
  return client.request('GET', url);
}

beforeAll(async () => {
  t = await createTestContext();
  const lead = await buildUnit(t.ctx, { name: '城建办' });
  leadUnit = lead.id;
  const office = await buildUnit(t.ctx, { name: '党政办公室' });
  const specs: [string, BuiltUser['roles'], number | null, string][] = [
    ['monitor', ['monitor'], office.id, '王敏'],
    ['leader', ['leader'], office.id, '李建国'],
    ['office', ['office'], office.id, '赵丽'],
    ['admin', ['admin'], null, '管理员'],
    ['viewer', ['viewer'], office.id, '陈静'],
    ['liaison', ['liaison'], lead.id, '张伟'],
  ];
  for (const [key, roles, unitId, name] of specs) {
    users[key] = await buildUser(t.ctx, { roles, unitId, name });
    actors[key] = actorFor(users[key]);
  }
  const ctx = t.ctx;
  // 2026: one case through the whole workflow, one closed without a reply, one still open.
  slipped = await register('青石村道路积水');
  await assignCase({
    ctx,
    actor: a('leader'),
    id: slipped,
    input: { instruction: '请城建办核实处理。', leadUnitId: lead.id, coUnitIds: [] },
  });
  await signCase({ ctx, actor: a('liaison'), id: slipped });
  await addAttachment({
    ctx,
    actor: a('liaison'),
    caseId: slipped,
    file: { filename: '现场照片.png', contentType: 'image/png', data: Buffer.from('png-bytes') },
  });
  await submitReply({ ctx, actor: a('liaison'), id: slipped, text: '已安排疏通排水沟。' });
  await approveReply({ ctx, actor: a('leader'), id: slipped, comment: '同意' });
  await publishReply({ ctx, actor: a('monitor'), id: slipped, url: 'https://example.gov.cn/r/1' });
  await archiveCase({ ctx, actor: a('office'), id: slipped });
  closed = await register('咨询办证流程');
  await closeCase({ ctx, actor: a('leader'), id: closed, reason: '已电话答复，无需公开回复' });
  await archiveCase({ ctx, actor: a('office'), id: closed });
  await register('仍在办理的留言');
  // 2027: outside the period.
  t.clock.advance(40 * DAY);
  const next = await register('次年的留言');
  await closeCase({ ctx, actor: a('leader'), id: next, reason: '重复留言' });
  await archiveCase({ ctx, actor: a('office'), id: next });

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

async function indexRows(data: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as (string | number | null | undefined)[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : String(v)));
    rows.push(values);
  });
  return rows;
}

describe('归档移交: the period export', () => {
  it('holds one folder per archived case of the period, an index and checksums that verify', async () => {
    const res = await get('office', `/api/cases/archive-transfer.zip?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('archive-transfer-2026-01-01-2026-12-31');
    const zip = unzipSync(res.rawPayload);
    const folder = `case-${closed}`;
    expect(Object.keys(zip).sort()).toEqual(
      [
        '2026-0001/',
        '2026-0001/attachments/',
        `2026-0001/attachments/1-现场照片.png`,
        '2026-0001/case.json',
        '2026-0001/checksums.sha256',
        '2026-0001/file.docx',
        '2026-0001/slip.docx',
        `${folder}/`,
        `${folder}/attachments/`,
        `${folder}/case.json`,
        `${folder}/checksums.sha256`,
        `${folder}/file.docx`,
        'checksums.sha256',
        '案卷目录.xlsx',
      ].sort(),
    );

    // Every file, the index and each folder's own checksums too, is in the top checksums.
    const lines = strFromU8(zip['checksums.sha256'] ?? new Uint8Array())
      .trim()
      .split('\n');
    const files = Object.keys(zip).filter((n) => !n.endsWith('/') && n !== 'checksums.sha256');
    expect(lines.map((l) => l.split('  ')[1]).sort()).toEqual(files.sort());
    for (const line of lines) {
      const [hash, name] = line.split('  ');
      expect(
        createHash('sha256')
          .update(zip[name ?? ''] ?? new Uint8Array())
          .digest('hex'),
        name,
      ).toBe(hash);
    }

    const rows = await indexRows(zip['案卷目录.xlsx'] ?? new Uint8Array());
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual([
      '序号',
      '抄告单号',
      '标题',
      '来源',
      '受理时间',
      '承办单位',
      '办结时间',
      '按期情况',
      '文件夹',
    ]);
    const body = rows.slice(header + 1);
    expect(body.map((r) => [r[0], r[1], r[2], r[3], r[5], r[7], r[8]])).toEqual([
      ['1', '2026-0001', '青石村道路积水', '县长信箱', '城建办', '按期', '2026-0001'],
      ['2', '', '咨询办证流程', '县长信箱', '', '不适用（未予公开答复）', folder],
    ]);
    expect(body[0]?.[4]).toBe('2026-11-26 10:00');
    expect(body[1]?.[6]).toMatch(/^2026-11-26 \d\d:\d\d$/);
  });

  it('holds in each folder exactly the single-case bundle, contacts masked as there', async () => {
    const res = await get('admin', `/api/cases/archive-transfer.zip?${PERIOD}`);
    const zip = unzipSync(res.rawPayload);
    const single = unzipSync((await get('admin', `/api/cases/${slipped}/bundle.zip`)).rawPayload);
    const inFolder = Object.keys(zip)
      .filter((n) => n.startsWith('2026-0001/') && n !== '2026-0001/')
      .map((n) => n.slice('2026-0001/'.length));
    expect(inFolder.sort()).toEqual(Object.keys(single).sort());
    expect(zip['2026-0001/attachments/1-现场照片.png']).toEqual(
      single['attachments/1-现场照片.png'],
    );
    const json = strFromU8(zip['2026-0001/case.json'] ?? new Uint8Array());
    expect(json).toContain(MASKED);
    expect(json).not.toContain(CONTACT);
    for (const doc of ['2026-0001/slip.docx', '2026-0001/file.docx']) {
      const text = docxText(zip[doc] ?? new Uint8Array());
      expect(text, doc).toContain(MASKED);
      expect(text, doc).not.toContain(CONTACT);
    }
    for (const [name, data] of Object.entries(zip)) {
      if (name.endsWith('.json') || name.endsWith('.sha256'))
        expect(strFromU8(data), name).not.toContain(CONTACT);
    }
  });

  it("follows the list's filters: unit and keyword", async () => {
    const byUnit = unzipSync(
      (await get('office', `/api/cases/archive-transfer.zip?${PERIOD}&unitId=${leadUnit}`))
        .rawPayload,
    );
    expect(Object.keys(byUnit).filter((n) => /^[^/]+\/$/.test(n))).toEqual(['2026-0001/']);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'case.transfer-export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toBe(
      '批量导出卷宗 1 件（受理期间 2026-01-01 至 2026-12-31，承办单位 城建办）',
    );
    const byText = unzipSync(
      (
        await get(
          'office',
          `/api/cases/archive-transfer.zip?${PERIOD}&q=${encodeURIComponent('办证')}`,
        )
      ).rawPayload,
    );
    expect(Object.keys(byText).filter((n) => /^[^/]+\/$/.test(n))).toEqual([`case-${closed}/`]);
  });

  it('counts the cases first, and records the export in the audit log', async () => {
    const preview = await get('office', `/api/cases/archive-transfer?${PERIOD}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json<{ count: number; limit: number }>()).toEqual({ count: 2, limit: 2000 });
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'case.transfer-export')
      .orderBy('id')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]?.summary).toContain('2026-01-01 至 2026-12-31');
    expect(rows[0]?.summary).toContain('2 件');
  });

  it('refuses a period with more cases than one export may hold, in Chinese', async () => {
    await expect(
      planArchiveTransfer({
        ctx: t.ctx,
        actor: a('office'),
        query: { from: '2026-01-01', to: '2026-12-31' },
        limit: 1,
      }),
    ).rejects.toThrow(/超过单次导出上限 1 件/);
    const res = await get(
      'office',
      '/api/cases/archive-transfer.zip?from=2026-12-31&to=2026-01-01',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('不能晚于');
  });

  it('is for the office and admins only', async () => {
    expect((await get('viewer', `/api/cases/archive-transfer.zip?${PERIOD}`)).statusCode).toBe(403);
    expect((await get('liaison', `/api/cases/archive-transfer?${PERIOD}`)).statusCode).toBe(403);
  });
});
