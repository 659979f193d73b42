import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, type BuiltUser } from '../../../tests/factories/index.js';
import { buildTestApp, loginAs, type ApiClient } from '../../../tests/helpers/api.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/db.js';
import type { BuiltApp } from '../../server/app.js';
import type { CaseDetail } from '../cases/cases.schemas.js';

let t: TestContext;
let built: BuiltApp;
let monitor: ApiClient;
let leader: ApiClient;
let liaison: ApiClient;
let otherLiaison: ApiClient;
let unitId: number;

const login = (u: BuiltUser) => loginAs(built, u.username, u.password);

interface Result {
  relevance: number;
  completeness: number;
  explanation: number;
  tone: number;
  score: number;
  points: { text: string; answered: boolean }[];
  reasons: string[];
}

beforeAll(async () => {
  t = await createTestContext();
  built = await buildTestApp(t.ctx);
  unitId = (await buildUnit(t.ctx, { name: '城管局' })).id;
  const otherUnit = await buildUnit(t.ctx, { name: '教育局' });
  monitor = await login(await buildUser(t.ctx, { roles: ['monitor'] }));
  leader = await login(await buildUser(t.ctx, { roles: ['leader'] }));
  liaison = await login(await buildUser(t.ctx, { roles: ['liaison'], unitId }));
  otherLiaison = await login(await buildUser(t.ctx, { roles: ['liaison'], unitId: otherUnit.id }));
});
afterAll(async () => {
  await built.app.close();
  await t.close();
});

const body = '清河路菜市场门口每天早上占道经营，车辆无法通行，希望城管部门尽快整治。';

describe('POST /api/analysis/reply-check', () => {
  it('scores a draft with reasons', async () => {
    const res = await leader.request('POST', '/api/analysis/reply-check', {
      title: '清河路菜市场占道经营',
      body,
      reply:
        '您好！经核实，清河路菜市场门口确有早市摊贩占道经营。城管执法中队已于6月3日起每天早上6点至9点' +
        '在菜市场门口定点值守，已劝导摊贩进入场内经营。感谢您的监督！',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Result>();
    expect(r.relevance).toBeGreaterThan(0.7);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]?.answered).toBe(true);
    expect(r.reasons).toContain('说明了核实情况（经核实）');
  });

  it('validates the body in Chinese', async () => {
    const res = await leader.request('POST', '/api/analysis/reply-check', { body });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('GET /api/cases/:id/reply-check', () => {
  it('checks the case’s current reply, for those who may see the case', async () => {
    const registered = await monitor.request('POST', '/api/cases', {
      post: {
        source: '市长信箱',
        postedAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
        title: '清河路菜市场占道经营',
        body,
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const c = registered.json<CaseDetail>();
    const assigned = await leader.request('POST', `/api/cases/${c.id}/assign`, {
      instruction: '请核实办理',
      leadUnitId: unitId,
      version: c.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const early = await leader.request('GET', `/api/cases/${c.id}/reply-check`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ error: { message: string } }>().error.message).toBe('该办件还没有答复意见');
    await liaison.request('POST', `/api/cases/${c.id}/sign`, {});
    const replied = await liaison.request('POST', `/api/cases/${c.id}/reply`, {
      text: '您好！城管执法中队已在清河路菜市场门口定点值守，整治占道经营。谢谢！',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const res = await leader.request('GET', `/api/cases/${c.id}/reply-check`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Result>().relevance).toBeGreaterThan(0.5);
    const hidden = await otherLiaison.request('GET', `/api/cases/${c.id}/reply-check`);
    expect(hidden.statusCode).toBe(404);
  });
});
