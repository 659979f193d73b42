import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { AppError } from '../../server/errors.js';
import { assignCase } from '../cases/assign-case.js';
import { registerCase } from '../cases/register-case.js';
import { AUDIT_SHEET, exportAuditXlsx } from './audit-xlsx.js';

const PHONE = '13812345678';
const MASKED = '138****5678';

let t: TestContext;
let built: BuiltApp;
const users: Record<string, BuiltUser> = {};
const clients: Record<string, ApiClient> = {};
let caseId: number;
let otherCase: number;

async function sheetRows(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(AUDIT_SHEET);
  if (!ws) throw new Error('no sheet');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.text));
    rows.push(cells);
  });
  return rows;
}

beforeAll(async () => {
  t = await createTestContext();
  const unit = await buildUnit(t.ctx, { name: '城建办' });
  for (const [key, roles] of [
    ['monitor', ['monitor']],
    ['leader', ['leader']],
    ['office', ['office']],
    ['admin', ['admin']],
    ['viewer', ['viewer']],
  ] as const) {
    users[key] = await buildUser(t.ctx, { roles: [...roles], unitId: unit.id, name: key });
  }
  const register = async (title: string) =>
    (
      await registerCase({
        ctx: t.ctx,
        actor: actorFor(users.monitor as BuiltUser),
        input: {
          post: {
            source: '县长信箱',
            postedAt: t.clock.now().toISOString(),
            // Citizens put their number in the title too: the audit summary repeats the title.
            title,
            body: '青石村主路下雨就积水。',
          },
        },
      })
    ).id;
  caseId = await register(`青石村道路积水，请回电${PHONE}`);
  otherCase = await register('另一件留言');
  t.clock.advance(60_000);
  await assignCase({
    ctx: t.ctx,
    actor: actorFor(users.leader as BuiltUser),
    id: caseId,
    input: { instruction: '请核实。', leadUnitId: unit.id, coUnitIds: [] },
  });
  built = await buildTestApp(t.ctx);
  for (const [key, u] of Object.entries(users)) {
    clients[key] = await loginAs(built, u.username, u.password);
  }
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('the audit log export (.xlsx)', () => {
  it('holds the rows the page would show for a case, oldest first, with contacts masked', async () => {
    const res = await clients.office?.request(
      'GET',
      `/api/audit.xlsx?entityType=case&entityId=${caseId}`,
    );
    expect(res?.statusCode).toBe(200);
    expect(res?.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res?.headers['content-disposition']).toContain(encodeURIComponent('审计日志-'));
    const rows = await sheetRows(res?.rawPayload ?? Buffer.alloc(0));
    expect(rows[0]?.[0]).toBe('网络舆情系统审计日志');
    expect(rows[1]?.[0]).toContain(`对象 办件 #${caseId}`);
    expect(rows[1]?.[0]).toContain('共 2 条');
    expect(rows[1]?.[0]).toContain('导出人：office');
    expect(rows[3]?.slice(0, 7)).toEqual([
      '序号',
      '记录号',
      '时间',
      '操作人',
      '操作',
      '对象',
      '摘要',
    ]);
    const body = rows.slice(4);
    expect(body.map((r) => r[4])).toEqual(['受理办件（case.register）', '批办（case.assign）']);
    expect(body.every((r) => r[5] === `办件 #${caseId}`)).toBe(true);
    expect(body[0]?.[6]).toContain(MASKED);
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    expect(JSON.stringify(rows)).not.toContain('另一件留言');
  });

  it('is itself recorded in the audit log', async () => {
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.actor_name).toContain('office');
    expect(row.summary).toContain('导出审计日志 2 条');
  });

  it('names every action in Chinese, not only the case acts', async () => {
    const res = await clients.admin?.request('GET', '/api/audit.xlsx');
    const actions = (await sheetRows(res?.rawPayload ?? Buffer.alloc(0)))
      .slice(4)
      .map((r) => r[4] ?? '');
    // The sign-ins above, the case acts and the office's own export.
    expect(actions).toEqual(
      expect.arrayContaining(['登录（auth.login）', '导出审计日志（audit.export）']),
    );
    expect(actions.filter((a) => !/^[^a-z]+（[a-z.-]+）$/.test(a))).toEqual([]);
  });

  it('refuses more rows than the cap with a message that says how many matched', async () => {
    const actor = actorFor(users.admin as BuiltUser);
    const err = await exportAuditXlsx({ ctx: t.ctx, actor, filters: {}, max: 3 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    expect((err as AppError).message).toMatch(/共 \d+ 条，超过单次导出上限 3 条/);
    const ok = await exportAuditXlsx({
      ctx: t.ctx,
      actor,
      filters: { entityType: 'case', entityId: String(otherCase) },
      max: 3,
    });
    expect(ok.rows).toBe(1);
  });

  it('is for those who read the audit log only', async () => {
    for (const who of ['monitor', 'leader', 'viewer']) {
      const res = await clients[who]?.request('GET', '/api/audit.xlsx');
      expect(res?.statusCode, who).toBe(403);
    }
    expect((await clients.admin?.request('GET', '/api/audit.xlsx'))?.statusCode).toBe(200);
  });

  it('masks contacts on the page too: its readers handle no case', async () => {
    const res = await clients.office?.request(
      'GET',
      `/api/audit?entityType=case&entityId=${caseId}`,
    );
    expect(res?.statusCode).toBe(200);
    const page = res?.json<{ total: number; items: { summary: string }[] }>();
    expect(page?.total).toBe(2);
    expect(JSON.stringify(page)).toContain(MASKED);
    expect(JSON.stringify(page)).not.toContain(PHONE);
  });
});
