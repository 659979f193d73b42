import ExcelJS from 'exceljs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import { MAX_XLSX_UNPACKED } from '../../lib/zip-size.js';
import type { BuiltApp } from '../../server/app.js';
import type { ManualPostReply } from './enter-post.js';
import type { ImportReply, InspectReply } from './import-file.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const m = await buildUser(t.ctx, { roles: ['monitor'] });
  monitor = await loginAs(built, m.username, m.password);
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const errorOf = (res: { json: <T>() => T }) =>
  res.json<{ error: { code: string; message: string } }>().error;

/** A multipart body with the file and text fields, as the import page sends it. */
function form(filename: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----yuqingtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(url: string, filename: string, content: Buffer, fields = {}) {
  const f = form(filename, content, fields);
  return monitor.request('POST', url, f.body, f.headers);
}

const tipdmMapping = {
  title: '留言主题',
  body: '留言详情',
  postedAt: '留言时间',
  author: '留言用户',
  externalId: '留言编号',
  likes: '点赞数',
  dislikes: '反对数',
  url: null,
};

describe('人工录入', () => {
  it('stores a new post in 人工录入, then tells a duplicate and a near duplicate apart', async () => {
    const post = {
      title: '金鼎村垃圾清运不及时',
      body:
        '金鼎村三组旁边的垃圾桶最近一个多星期都没有人来清运，垃圾堆得满地都是，天气又热，' +
        '气味非常大，苍蝇蚊子很多，老人和孩子都不敢开窗。多次打电话给村委会都没有结果，' +
        '希望环卫部门尽快安排清运车辆到现场处理，还村民一个干净的环境。谢谢！',
      url: 'https://bbs.example.cn/thread/1001',
      author: '热心村民',
      postedAt: '2026-11-25T08:30:00.000Z',
    };
    const first = await monitor.request('POST', '/api/posts/manual', post);
    expect(first.statusCode, first.body).toBe(200);
    const created = first.json<ManualPostReply>();
    expect(created).toMatchObject({ outcome: 'new', sourceName: '人工录入', duplicateOf: null });
    const stored = await t.ctx.db
      .selectFrom('posts')
      .select(['source', 'source_key', 'posted_at', 'author'])
      .where('id', '=', created.postId ?? 0)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      source: '人工录入',
      source_key: `source:${created.sourceId}`,
      author: '热心村民',
    });
    expect(stored.posted_at.toISOString()).toBe(post.postedAt);

    const sameUrl = await monitor.request('POST', '/api/posts/manual', {
      ...post,
      title: '另一个标题',
    });
    expect(sameUrl.json<ManualPostReply>()).toMatchObject({
      outcome: 'duplicateUrl',
      postId: created.postId,
      sourceId: created.sourceId,
    });
    expect(sameUrl.json<ManualPostReply>().message).toContain(`#${created.postId}`);

    const sameText = await monitor.request('POST', '/api/posts/manual', { ...post, url: null });
    expect(sameText.json<ManualPostReply>()).toMatchObject({
      outcome: 'duplicateText',
      postId: created.postId,
    });

    const near = await monitor.request('POST', '/api/posts/manual', {
      ...post,
      url: 'https://weibo.example.cn/2',
      body: post.body.replace('谢谢！', '非常感谢！'),
    });
    const n = near.json<ManualPostReply>();
    expect(n).toMatchObject({ outcome: 'nearDuplicate', duplicateOf: created.postId });
    expect(n.postId).not.toBe(created.postId);

    const sources = await t.ctx.db
      .selectFrom('sources')
      .select(['name', 'kind'])
      .where('kind', '=', 'manual')
      .execute();
    expect(sources).toEqual([{ name: '人工录入', kind: 'manual' }]);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'post.enter')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('refuses a missing body, a bad time, a bad link and a source that is not manual', async () => {
    const base = { title: '标题', body: '内容', postedAt: t.clock.now().toISOString() };
    for (const body of [
      { ...base, body: '' },
      { ...base, body: '   ' },
      { ...base, postedAt: '昨天' },
      { ...base, url: 'javascript:alert(1)' },
      { ...base, postedAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() },
    ]) {
      const res = await monitor.request('POST', '/api/posts/manual', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const rss = await monitor.request('POST', '/api/sources', {
      name: '订阅源',
      kind: 'rss',
      url: 'https://x.example.org/rss',
    });
    const wrong = await monitor.request('POST', '/api/posts/manual', {
      ...base,
      sourceId: rss.json<{ id: number }>().id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).message).toContain('不是人工录入');
  });
});

describe('导入 .xlsx / .csv', () => {
  const header = '留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数';
  const csvRows = [
    '3001,A00001,云溪镇菜市场占道经营,2026/11/20 10:30,云溪镇菜市场门口每天早上占道经营，车辆无法通行。,0,5',
    '3002,A00002,学校门口交通拥堵,2026-11-21 07:45:00,云溪小学门口上学时段交通拥堵，建议增派交警。,1,"1,204"',
    '3003,A00003,没有内容的一行,2026-11-21 08:00,,0,0',
    '3004,A00004,时间写错的一行,下周二,河道有人倒垃圾。,0,0',
    '3005,A00005,云溪镇菜市场占道经营,2026/11/20 11:30,云溪镇菜市场门口每天早上占道经营，车辆无法通行。,0,2',
    '3006,A00006,点赞数写错,2026/11/20 12:00,路边的树倒了。,0,很多',
  ];

  it('inspects a UTF-8 CSV with BOM and guesses the mapping from the headers', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([header, ...csvRows].join('\r\n')),
    ]);
    const res = await upload('/api/sources/import/inspect', '留言.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<InspectReply>();
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', rowCount: 6 });
    expect(r.columns).toEqual(header.split(','));
    expect(r.samples).toHaveLength(5);
    expect(r.samples[1]?.[6]).toBe('1,204');
    expect(r.mapping).toEqual({ ...tipdmMapping });
  });

  it('imports a UTF-8 CSV row by row: new, errors with reasons, duplicates', async () => {
    const file = Buffer.from([header, ...csvRows].join('\n'));
    const res = await upload('/api/sources/import', '留言.csv', file, {
      mapping: JSON.stringify(tipdmMapping),
      sourceName: '问政平台导出',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<ImportReply>();
    expect(r.sourceName).toBe('问政平台导出');
    expect(r.totals).toEqual({
      rows: 6,
      new: 2,
      duplicateUrl: 0,
      duplicateText: 1,
      nearDuplicate: 0,
      error: 3,
    });
    const [r2, r3, r4, r5, r6, r7] = r.rows;
    expect(r2).toMatchObject({ row: 2, outcome: 'new', title: '云溪镇菜市场占道经营' });
    expect(r3).toMatchObject({ row: 3, outcome: 'new' });
    expect(r4).toMatchObject({ row: 4, outcome: 'error', message: '缺少内容', postId: null });
    expect(r5).toMatchObject({ row: 5, outcome: 'error' });
    expect(r5?.message).toContain('时间无法识别');
    expect(r6).toMatchObject({ row: 6, outcome: 'duplicateText', postId: r2?.postId });
    expect(r7).toMatchObject({ row: 7, outcome: 'error' });
    expect(r7?.message).toContain('点赞数「很多」不是整数');

    const stored = await t.ctx.db
      .selectFrom('posts')
      .select(['external_id', 'posted_at', 'likes', 'dislikes', 'author', 'source'])
      .where('id', '=', r3?.postId ?? 0)
      .executeTakeFirstOrThrow();
    // Times without a zone are read in Asia/Shanghai.
    expect(stored).toMatchObject({
      external_id: '3002',
      likes: 1204,
      dislikes: 1,
      author: 'A00002',
      source: '问政平台导出',
    });
    expect(stored.posted_at.toISOString()).toBe('2026-11-20T23:45:00.000Z');
    const source = await t.ctx.db
      .selectFrom('sources')
      .select(['kind', 'next_run_at'])
      .where('id', '=', r.sourceId)
      .executeTakeFirstOrThrow();
    expect(source).toEqual({ kind: 'import', next_run_at: null });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'posts.import')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('新增 2');
  });

  it('reads a GBK CSV as Excel in China saves it', async () => {
    const text = [
      '标题,内容,发布时间,发布人,网址',
      '云溪镇自来水停水,云溪镇东片区自来水停水两天了，没有通知。,2026年11月22日 09:15,居民甲,https://bbs.example.cn/t/9',
      '污水处理站有异味,云溪镇污水处理站附近异味严重。,2026-11-22 10:00,居民乙,not-a-link',
    ].join('\r\n');
    const file = iconv.encode(text, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const inspect = await upload('/api/sources/import/inspect', 'gbk.csv', file);
    expect(inspect.statusCode, inspect.body).toBe(200);
    const i = inspect.json<InspectReply>();
    expect(i.encoding).toBe('gbk');
    expect(i.columns).toEqual(['标题', '内容', '发布时间', '发布人', '网址']);
    expect(i.mapping).toMatchObject({
      title: '标题',
      body: '内容',
      postedAt: '发布时间',
      author: '发布人',
      url: '网址',
    });
    const res = await upload('/api/sources/import', 'gbk.csv', file, {
      mapping: JSON.stringify(i.mapping),
      sourceName: '论坛导出',
    });
    const r = res.json<ImportReply>();
    // A bad link is left out; the message is imported.
    expect(r.rows.map((x) => [x.row, x.outcome])).toEqual([
      [2, 'new'],
      [3, 'new'],
    ]);
    expect(r.rows[1]?.message).toMatch(/^已录入，帖子 #\d+；链接无效已略去.*「not-a-link」$/);
    expect(
      (
        await t.ctx.db
          .selectFrom('posts')
          .select('url')
          .where('id', '=', r.rows[1]?.postId ?? 0)
          .executeTakeFirstOrThrow()
      ).url,
    ).toBeNull();
    const post = await t.ctx.db
      .selectFrom('posts')
      .select(['title', 'posted_at', 'url'])
      .where('id', '=', r.rows[0]?.postId ?? 0)
      .executeTakeFirstOrThrow();
    expect(post).toMatchObject({ title: '云溪镇自来水停水', url: 'https://bbs.example.cn/t/9' });
    expect(post.posted_at.toISOString()).toBe('2026-11-22T01:15:00.000Z');
  });

  it('imports an .xlsx with date cells and a mapping, reporting a repeated link', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('留言');
    ws.addRow(['序号', '主题', '正文', '时间', '链接']);
    ws.addRow([
      1,
      '桥面破损',
      '云溪大桥桥面有个大坑，晚上很危险。',
      new Date(Date.UTC(2026, 10, 23, 14, 5)),
      'https://x.example.cn/a',
    ]);
    ws.addRow([
      2,
      '桥面破损（转）',
      '转发：云溪大桥桥面坑洞无人修补。',
      '2026-11-23 15:00',
      'https://x.example.cn/a',
    ]);
    ws.addRow([3, '', '', '', '']);
    ws.addRow([4, '广场舞噪音', '云溪广场晚上十点后还在跳广场舞。', 46349.5, null]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const mapping = { title: '主题', body: '正文', postedAt: '时间', url: '链接' };
    const res = await upload('/api/sources/import', '留言.xlsx', file, {
      mapping: JSON.stringify(mapping),
      sourceName: '问政平台导出',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<ImportReply>();
    expect(r.rows.map((x) => [x.row, x.outcome, x.message.slice(0, 4)])).toEqual([
      [2, 'new', '已录入，'],
      [3, 'duplicateUrl', '重复链接'],
      [4, 'error', '缺少内容'],
      [5, 'new', '已录入，'],
    ]);
    expect(r.rows[1]?.postId).toBe(r.rows[0]?.postId);
    const times = await t.ctx.db
      .selectFrom('posts')
      .select('posted_at')
      .where('id', 'in', [r.rows[0]?.postId ?? 0, r.rows[3]?.postId ?? 0])
      .orderBy('id')
      .execute();
    // Excel's wall clock in Asia/Shanghai; 46349.5 is 2026-11-23 12:00.
    expect(times.map((x) => x.posted_at.toISOString())).toEqual([
      '2026-11-23T06:05:00.000Z',
      '2026-11-23T04:00:00.000Z',
    ]);
  });

  it('refuses an .xlsx that unpacks to far more than it weighs (a zip bomb) before reading it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('留言').addRow(['正文']).commit();
    const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    const at = sheet.indexOf('</sheetData>');
    // Blanks between the rows: valid XML, a few hundred kilobytes packed, 129 MB unpacked.
    parts['xl/worksheets/sheet1.xml'] = new Uint8Array(
      Buffer.concat([
        Buffer.from(sheet.slice(0, at)),
        Buffer.alloc(MAX_XLSX_UNPACKED + 1024 * 1024, 0x20),
        Buffer.from(sheet.slice(at)),
      ]),
    );
    const bomb = Buffer.from(zipSync(parts, { level: 9 }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload('/api/sources/import/inspect', '留言.xlsx', bomb);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('解压后超过 128 MB');
  });

  it('refuses files it cannot import with 4xx and Chinese messages', async () => {
    const xls = await upload('/api/sources/import/inspect', '旧格式.xls', Buffer.from('abc'));
    expect(xls.statusCode).toBe(415);
    expect(errorOf(xls).message).toContain('.xlsx');
    const txt = await upload('/api/sources/import/inspect', 'a.txt', Buffer.from('a,b'));
    expect(txt.statusCode).toBe(415);
    const empty = await upload('/api/sources/import/inspect', 'a.csv', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toContain('空');
    const headerOnly = await upload(
      '/api/sources/import/inspect',
      'a.csv',
      Buffer.from('标题,内容\n'),
    );
    expect(errorOf(headerOnly).message).toContain('没有数据行');
    const fake = await upload('/api/sources/import/inspect', 'a.xlsx', Buffer.from('not a zip'));
    expect(fake.statusCode).toBe(400);
    const many = Buffer.from(
      ['内容', ...Array.from({ length: 20_001 }, (_, i) => `第${i}条`)].join('\n'),
    );
    const tooMany = await upload('/api/sources/import/inspect', 'big.csv', many);
    expect(tooMany.statusCode).toBe(400);
    expect(errorOf(tooMany).message).toContain('20,000');
    const big = await upload(
      '/api/sources/import/inspect',
      'big.csv',
      Buffer.alloc(10 * 1024 * 1024 + 10, 0x61),
    );
    expect(big.statusCode).toBe(413);
    const notMultipart = await monitor.request('POST', '/api/sources/import', {});
    expect(notMultipart.statusCode).toBe(400);
    const noMapping = await upload('/api/sources/import', 'a.csv', Buffer.from('内容\n你好'), {
      sourceName: 'x',
    });
    expect(noMapping.statusCode).toBe(400);
    const wrongColumn = await upload('/api/sources/import', 'a.csv', Buffer.from('内容\n你好'), {
      sourceName: 'x',
      mapping: JSON.stringify({ body: '正文' }),
    });
    expect(errorOf(wrongColumn).message).toContain('「正文」不在文件中');
  });
});
