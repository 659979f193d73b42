import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { DOCX, XLSX } from '../cases/documents/download.js';
import type { ReportSettings } from './report-settings.js';
import type { ReportDetail, ReportSummary } from './report.schemas.js';

const at = (local: string) => new Date(`${local}+08:00`);
const DAY = '2026-11-26';

let t: TestContext;
let built: BuiltApp;
let office: ApiClient;
let viewer: ApiClient;
let monitor: ApiClient;

/** The paragraphs' text of a .docx, one line per paragraph. */
function docxText(files: Record<string, Uint8Array>): string {
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

function soffice(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const SOFFICE = soffice();

async function seed() {
  const now = at(`${DAY}T08:00:00`);
  t.clock.set(now);
  await t.ctx.db
    .insertInto('settings')
    .values({ key: 'org.name', value: JSON.stringify('云溪镇'), updated_at: now })
    .execute();
  const topic = await t.ctx.db
    .insertInto('topics')
    .values({
      label: '青石村道路施工噪音',
      keywords: ['施工', '噪音'],
      heat_rank: 1,
      first_at: now,
      last_at: now,
      centroid: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sources = ['云溪论坛', '云溪论坛', '县长信箱'];
  for (const [i, source] of sources.entries()) {
    await t.ctx.db
      .insertInto('posts')
      .values({
        source,
        source_key: `test:${source}`,
        posted_at: at(`${DAY}T0${i + 1}:00:00`),
        title: `夜间施工噪音扰民 ${i}`,
        body: '正文',
        created_at: now,
        sentiment: i === 0 ? 'negative' : 'neutral',
        likes: 10 * (i + 1),
        topic_id: topic.id,
      })
      .execute();
  }
  const user = await buildUser(t.ctx, { roles: ['monitor'], name: '王敏' });
  const period = await t.ctx.db
    .insertInto('watch_periods')
    .values({
      name: '县两会',
      kind: 'meeting',
      starts_on: DAY,
      ends_on: DAY,
      note: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('watch_duties')
    .values({
      period_id: period.id,
      user_id: user.id,
      starts_at: at(`${DAY}T08:00:00`),
      ends_at: at(`${DAY}T20:00:00`),
      note: '白班',
    })
    .execute();
  // 信息报送: two sent this year (one adopted and instructed, one adopted), a draft, one last year.
  const briefs: [string, Date | null, ('adopted' | 'instruction')[]][] = [
    ['submitted', at('2026-03-02T10:00:00'), ['adopted', 'instruction', 'adopted']],
    ['submitted', at('2026-11-20T10:00:00'), ['adopted']],
    ['draft', null, []],
    ['submitted', at('2025-12-31T23:00:00'), ['instruction']],
  ];
  for (const [i, [status, submittedAt, outcomes]] of briefs.entries()) {
    const brief = await t.ctx.db
      .insertInto('info_briefs')
      .values({
        title: `信息${i}`,
        body: '正文',
        author_id: user.id,
        unit_id: null,
        status: status as 'submitted' | 'draft',
        submitted_at: submittedAt,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const kind of outcomes) {
      await t.ctx.db
        .insertInto('info_brief_outcomes')
        .values({ brief_id: brief.id, kind, by_whom: '县委办', level: '县级', recorded_at: now })
        .execute();
    }
  }
  t.clock.set(at(`${DAY}T15:00:00`));
}

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const officeUser = await buildUser(t.ctx, { roles: ['office'] });
  const viewerUser = await buildUser(t.ctx, { roles: ['viewer'] });
  office = await loginAs(built, officeUser.username, officeUser.password);
  viewer = await loginAs(built, viewerUser.username, viewerUser.password);
  const monitorUser = await buildUser(t.ctx, { roles: ['monitor'] });
  monitor = await loginAs(built, monitorUser.username, monitorUser.password);
  await seed();
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

describe('reports on demand', () => {
  let dailyId = 0;
  let docx: Buffer = Buffer.alloc(0);

  it('lets the office generate today’s daily report and regenerate it in place', async () => {
    expect((await viewer.request('POST', '/api/reports', { kind: 'daily' })).statusCode).toBe(403);
    const first = await office.request('POST', '/api/reports', { kind: 'daily' });
    expect(first.statusCode).toBe(201);
    const made = first.json<{ id: number; seq: number; title: string }>();
    // Asked for at 15:00: the span the schedule's report at 16:30 will have, since Wednesday's.
    expect(made).toMatchObject({
      seq: 1,
      title: '云溪镇网络舆情日报 第1期（2026年11月25日16:30至11月26日16:30）',
    });
    dailyId = made.id;

    const again = await office.request('POST', '/api/reports', { kind: 'daily', date: DAY });
    expect(again.json<{ id: number }>().id).toBe(dailyId);
    const list = await viewer.request('GET', '/api/reports?kind=daily');
    const page = list.json<{ items: ReportSummary[]; total: number }>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: dailyId, seq: 1, deliveredAt: null, from: DAY });

    const future = await office.request('POST', '/api/reports', {
      kind: 'daily',
      date: '2026-11-27',
    });
    expect(future.statusCode).toBe(400);
  });

  it('lets a monitor make the daily report on demand, but no other kind', async () => {
    const daily = await monitor.request('POST', '/api/reports', { kind: 'daily', date: DAY });
    expect(daily.statusCode).toBe(201);
    expect(daily.json<{ id: number }>().id).toBe(dailyId);
    const weekly = await monitor.request('POST', '/api/reports', { kind: 'weekly', date: DAY });
    expect(weekly.statusCode).toBe(403);
    expect(
      (await viewer.request('GET', '/api/reports?kind=weekly')).json<{ total: number }>().total,
    ).toBe(0);
  });

  it('previews the figures', async () => {
    const res = await viewer.request('GET', `/api/reports/${dailyId}`);
    expect(res.statusCode).toBe(200);
    const r = res.json<ReportDetail>();
    expect(r.figures.posts.total).toBe(3);
    expect(r.figures.topics).toEqual([
      expect.objectContaining({ label: '青石村道路施工噪音', posts: 3 }),
    ]);
    expect(r.figures.duty?.shifts).toEqual([
      expect.objectContaining({ userName: '王敏', periodName: '县两会', note: '白班' }),
    ]);
    expect((await viewer.request('GET', '/api/reports/999999')).statusCode).toBe(404);
  });

  it('gives a Word document with the red-head title, numbered sections, tables and charts', async () => {
    const res = await viewer.request('GET', `/api/reports/${dailyId}.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['content-disposition']).toContain('report-daily-2026-11-26.docx');
    docx = res.rawPayload;
    const files = unzipSync(docx);
    const lines = docxText(files).split('\n');
    expect(lines[0]).toBe('云溪镇网络舆情日报');
    expect(lines[1]).toBe('第1期');
    expect(lines[2]).toBe('云溪镇网络舆情工作小组2026年11月26日');
    const headings = lines.filter((l) => /^[一二三四五六七]、/.test(l));
    expect(headings).toEqual([
      '一、舆情概况',
      '二、信息研判情况',
      '三、热点话题',
      '四、重点信息',
      '五、办件办理情况',
      '六、舆情事件处置情况',
      '七、值班情况',
    ]);
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    // The source table (a paragraph per cell): header, then 1 · 云溪论坛 · 2 · 66.7%.
    const tables = xml.split('<w:tbl>').slice(1);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(docxText({ 'word/document.xml': new TextEncoder().encode(tables[0]) })).toContain(
      '1\n云溪论坛\n2\n66.7%',
    );
    // Charts drawn by Word from their own parts, no placeholder left.
    expect(xml).not.toContain('yuqing-chart');
    expect(xml.match(/<c:chart /g)?.length).toBeGreaterThanOrEqual(2);
    const chart = strFromU8(files['word/charts/chart1.xml'] ?? new Uint8Array());
    expect(chart).toContain('<c:v>云溪论坛</c:v>');
    expect(strFromU8(files['[Content_Types].xml'] ?? new Uint8Array())).toContain(
      '/word/charts/chart1.xml',
    );
    expect(files['word/embeddings/chart-data-1.xlsx']?.length).toBeGreaterThan(0);
  });

  it('gives an Excel ledger with its four sheets', async () => {
    const res = await viewer.request('GET', `/api/reports/${dailyId}.xlsx`);
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '信息', '办件', '单位排名']);
    const values: unknown[][] = [];
    wb.getWorksheet('信息')?.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values).toContainEqual([1, '云溪论坛', 2, 66.7]);
    const overview: unknown[][] = [];
    wb.getWorksheet('概况')?.eachRow((r) => overview.push((r.values as unknown[]).slice(1)));
    expect(overview).toContainEqual(['相关信息（条）', 3, expect.any(String)]);
  });

  it('drafts the annual work summary from an annual report only', async () => {
    const annual = await office.request('POST', '/api/reports', { kind: 'annual' });
    const { id } = annual.json<{ id: number }>();
    const summary = await viewer.request('GET', `/api/reports/${id}/summary.docx`);
    expect(summary.statusCode).toBe(200);
    const text = docxText(unzipSync(summary.rawPayload));
    expect(text.split('\n')[0]).toBe('云溪镇2026年网络舆情工作总结');
    expect(text).toMatch(
      /原则，截至\d+月\d+日共监测本辖区相关网络信息3条，其中负面信息1条（占33.3%）/,
    );
    expect(text).toContain('处置舆情事件0起');
    expect(text).toContain('报送舆情信息2篇，其中被采用2篇、获领导批示1篇。');
    expect((await viewer.request('GET', `/api/reports/${dailyId}/summary.docx`)).statusCode).toBe(
      400,
    );
  });

  it.skipIf(!SOFFICE)(
    SOFFICE
      ? 'renders the daily report to PDF with LibreOffice'
      : 'renders the daily report to PDF (skipped: LibreOffice `soffice` is not on PATH)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'yq-report-pdf-'));
      try {
        writeFileSync(join(dir, 'daily.docx'), docx);
        execFileSync(
          SOFFICE ?? 'soffice',
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            join(dir, 'daily.docx'),
          ],
          { timeout: 120_000, stdio: 'ignore' },
        );
        const pdf = join(dir, 'daily.pdf');
        expect(existsSync(pdf)).toBe(true);
        const bytes = readFileSync(pdf).toString('latin1');
        expect(bytes.startsWith('%PDF-')).toBe(true);
        const pages = bytes.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
        expect(pages).toBeGreaterThanOrEqual(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});

describe('report settings', () => {
  it('default to 16:30 for the leaders, and only the office changes them', async () => {
    const res = await viewer.request('GET', '/api/reports/settings');
    expect(res.json<ReportSettings>()).toEqual({
      dailyEnabled: true,
      dailyTime: '16:30',
      periodicEnabled: true,
      recipientRoles: ['leader'],
      recipientUserIds: [],
    });
    const next = {
      ...res.json<ReportSettings>(),
      dailyTime: '17:05',
      recipientRoles: ['leader', 'office'],
    };
    expect((await viewer.request('PUT', '/api/reports/settings', next)).statusCode).toBe(403);
    expect(
      (await office.request('PUT', '/api/reports/settings', { ...next, dailyTime: '25:00' }))
        .statusCode,
    ).toBe(400);
    const saved = await office.request('PUT', '/api/reports/settings', next);
    expect(saved.statusCode).toBe(200);
    expect((await viewer.request('GET', '/api/reports/settings')).json<ReportSettings>()).toEqual(
      next,
    );
  });
});
