import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, multipart, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import { cleanFilename } from './attachments.js';
import type { CaseDetail } from './cases.schemas.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let leader: ApiClient;
let liaison: ApiClient;
let stranger: ApiClient;
let office: ApiClient;
let caseId: number;

const login = (u: BuiltUser) => loginAs(built, u.username, u.password);

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  const unit = await buildUnit(t.ctx);
  const other = await buildUnit(t.ctx);
  monitor = await login(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = await login(await buildUser(t.ctx, { roles: ['leader'] }));
  liaison = await login(await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
  stranger = await login(await buildUser(t.ctx, { roles: ['liaison'], unitId: other.id }));
  office = await login(await buildUser(t.ctx, { roles: ['office'] }));
  const res = await monitor.request('POST', '/api/cases', {
    post: { source: '论坛', postedAt: t.clock.now().toISOString(), body: '河道漂浮垃圾' },
  });
  caseId = res.json<CaseDetail>().id;
  await leader.request('POST', `/api/cases/${caseId}/assign`, {
    instruction: '核实',
    leadUnitId: unit.id,
  });
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

async function upload(client: ApiClient, name: string, content: Buffer, type = 'image/png') {
  const { body, headers } = multipart('file', name, content, type);
  return built.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, ...headers },
    payload: body,
  });
}

describe('case attachments', () => {
  it('stores a file byte for byte, lists it on the case and serves it as a download', async () => {
    const content = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));
    const res = await upload(liaison, '现场照片.png', content);
    expect(res.statusCode, res.body).toBe(201);
    const meta = res.json<{ id: number; filename: string; size: number; sha256: string }>();
    expect(meta).toMatchObject({
      filename: '现场照片.png',
      size: 4096,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    const detail = (await office.request('GET', `/api/cases/${caseId}`)).json<CaseDetail>();
    expect(detail.attachments.map((a) => a.filename)).toEqual(['现场照片.png']);
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'attach', label: '上传附件' });
    const file = await office.request('GET', `/api/cases/${caseId}/attachments/${meta.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect(file.headers['content-disposition']).toContain("attachment; filename*=UTF-8''");
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('puts the attachments in the bundle with their checksums', async () => {
    const res = await office.request('GET', `/api/cases/${caseId}/bundle.zip`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const path = Object.keys(files).find((n) => n.startsWith('attachments/') && !n.endsWith('/'));
    expect(path).toMatch(/^attachments\/\d+-现场照片\.png$/);
    const sums = new TextDecoder().decode(files['checksums.sha256']);
    const data = files[path ?? ''] ?? new Uint8Array();
    expect(sums).toContain(`${createHash('sha256').update(data).digest('hex')}  ${path}`);
  });

  it('unpacks with unzip under the Chinese name, so sha256sum -c verifies it', async (test) => {
    const res = await office.request('GET', `/api/cases/${caseId}/bundle.zip`);
    const zip = new Uint8Array(res.rawPayload);
    // Every central directory entry says it was made on Unix (3), with ordinary permissions.
    // (Read from the end: the stored .docx files hold central directories of their own.)
    const entries: { madeBy: number; mode: number; name: string }[] = [];
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    let at = view.getUint32(end + 16, true);
    for (let n = view.getUint16(end + 10, true); n > 0; n--) {
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      const nameLength = view.getUint16(at + 28, true);
      entries.push({
        madeBy: view.getUint8(at + 5),
        mode: view.getUint32(at + 38, true) >>> 16,
        name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) {
      expect(e.madeBy, e.name).toBe(3);
      expect(e.mode, e.name).toBe(e.name.endsWith('/') ? 0o040755 : 0o100644);
    }
    try {
      execFileSync('unzip', ['-v']);
      execFileSync('sha256sum', ['--version']);
    } catch {
      test.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'yq-bundle-'));
    try {
      writeFileSync(join(dir, 'bundle.zip'), zip);
      execFileSync('unzip', ['-q', 'bundle.zip', '-d', 'out'], { cwd: dir, env: { LANG: 'C' } });
      const out = execFileSync('sha256sum', ['-c', 'checksums.sha256'], {
        cwd: join(dir, 'out'),
      }).toString();
      expect(out).toMatch(/attachments\/\d+-现场照片\.png: OK/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps files away from those who may not see the case or may not attach', async () => {
    expect((await stranger.request('GET', `/api/cases/${caseId}/attachments/1`)).statusCode).toBe(
      404,
    );
    expect((await upload(stranger, 'x.txt', Buffer.from('x'))).statusCode).toBe(404);
    expect((await upload(office, 'x.txt', Buffer.from('x'))).statusCode).toBe(403);
    expect((await upload(liaison, 'empty.txt', Buffer.alloc(0))).statusCode).toBe(400);
  });

  it('keeps only the name of a file, without directories or control characters', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\a\\照片.jpg')).toBe('照片.jpg');
    expect(cleanFilename('a\u0000b.txt')).toBe('ab.txt');
    expect(cleanFilename('..')).toBe('附件');
    expect(cleanFilename(`${'长'.repeat(300)}.docx`)).toHaveLength(200);
    expect(cleanFilename(`${'长'.repeat(300)}.docx`).endsWith('.docx')).toBe(true);
  });
});
