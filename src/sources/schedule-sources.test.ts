import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import type { AppContext } from '../server/context.js';
import { createTestContext, type TestContext } from '../../tests/helpers/db.js';
import { recordingQueue } from '../../tests/helpers/jobs.js';
import { fetchSourceJob } from './fetch-source.job.js';
import { scheduleSources } from './schedule-sources.js';
import { scheduleSourcesJob } from './schedule-sources.job.js';

let t: TestContext;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.ctx.db.deleteFrom('watch_periods').execute();
  await t.ctx.db.deleteFrom('sources').execute();
});

async function addSource(
  name: string,
  values: { kind?: 'rss' | 'html' | 'manual'; enabled?: boolean; nextRunAt?: Date | null } = {},
): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('sources')
    .values({
      name,
      kind: values.kind ?? 'rss',
      url: values.kind === 'manual' ? null : 'http://127.0.0.1:1/feed.xml',
      config: '{}',
      enabled: values.enabled ?? true,
      next_run_at: values.nextRunAt === undefined ? now : values.nextRunAt,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addWatch(sourceIds: number[], startsOn: string, endsOn: string, minutes: number) {
  const now = t.clock.now();
  const period = await t.ctx.db
    .insertInto('watch_periods')
    .values({
      name: '两会',
      kind: 'meeting',
      starts_on: startsOn,
      ends_on: endsOn,
      interval_minutes: minutes,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('watch_period_sources')
    .values(sourceIds.map((source_id) => ({ period_id: period.id, source_id })))
    .execute();
}

async function nextRunAt(id: number): Promise<number | undefined> {
  const row = await t.ctx.db
    .selectFrom('sources')
    .select('next_run_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.next_run_at?.getTime();
}

describe('source.schedule', () => {
  it('enqueues each due source once, with the watch interval where a watch period is on', async () => {
    // TEST_START is 2026-11-26 10:00 in Shanghai.
    const watched = await addSource('重点论坛');
    const plain = await addSource('普通网站');
    const pastWatch = await addSource('往期重点');
    await addSource('已停用', { enabled: false });
    await addSource('手工录入', { kind: 'manual', nextRunAt: null });
    await addSource('未到时间', { nextRunAt: new Date(t.clock.now().getTime() + 120 * MINUTE) });
    await addWatch([watched], '2026-11-25', '2026-11-27', 60);
    await addWatch([pastWatch], '2026-11-01', '2026-11-25', 30);

    const { queue, sent } = recordingQueue();
    await scheduleSourcesJob.handler(t.ctx, {}, queue);
    expect(sent).toEqual([
      {
        id: 'source.fetch',
        data: { sourceId: watched, trigger: 'watch' },
        singletonKey: `source:${watched}`,
      },
      {
        id: 'source.fetch',
        data: { sourceId: plain, trigger: 'schedule' },
        singletonKey: `source:${plain}`,
      },
      {
        id: 'source.fetch',
        data: { sourceId: pastWatch, trigger: 'schedule' },
        singletonKey: `source:${pastWatch}`,
      },
    ]);
    const now = t.clock.now().getTime();
    expect(await nextRunAt(watched)).toBe(now + 60 * MINUTE);
    expect(await nextRunAt(plain)).toBe(now + 1440 * MINUTE);

    // A second tick right away finds nothing due; an hour later only the watched source.
    expect(await scheduleSources(t.ctx, queue)).toEqual([]);
    t.clock.advance(61 * MINUTE);
    expect(await scheduleSources(t.ctx, queue)).toEqual([{ sourceId: watched, trigger: 'watch' }]);
  });

  it('picks up a watched source at once when its period begins, however far its next run', async () => {
    const id = await addSource('重点论坛', {
      nextRunAt: new Date(t.clock.now().getTime() + 20 * 60 * MINUTE),
    });
    await t.ctx.db
      .updateTable('sources')
      .set({ last_run_at: new Date(t.clock.now().getTime() - 2 * 60 * MINUTE) })
      .where('id', '=', id)
      .execute();
    const { queue } = recordingQueue();
    expect(await scheduleSources(t.ctx, queue)).toEqual([]);
    const today = '2026-11-26';
    await addWatch([id], today, today, 60);
    expect(await scheduleSources(t.ctx, queue)).toEqual([{ sourceId: id, trigger: 'watch' }]);
    expect(await scheduleSources(t.ctx, queue)).toEqual([]);
  });

  it('records a run someone asked for (立即抓取) as manual, once', async () => {
    const id = await addSource('论坛', {
      nextRunAt: new Date(t.clock.now().getTime() + 20 * 60 * MINUTE),
    });
    await t.ctx.db
      .updateTable('sources')
      .set({ next_run_at: t.clock.now(), run_requested_at: t.clock.now() })
      .where('id', '=', id)
      .execute();
    const { queue } = recordingQueue();
    expect(await scheduleSources(t.ctx, queue)).toEqual([{ sourceId: id, trigger: 'manual' }]);
    t.clock.advance(24 * 60 * MINUTE);
    expect(await scheduleSources(t.ctx, queue)).toEqual([{ sourceId: id, trigger: 'schedule' }]);
  });

  it('hands a source to one of two workers ticking at once', async () => {
    const ids = await Promise.all(['甲', '乙', '丙', '丁'].map((n) => addSource(n)));
    const second = t.testDb.url
      ? await openDatabase({ dataDir: '', databaseUrl: t.testDb.url })
      : null;
    const otherCtx: AppContext = second ? { ...t.ctx, db: second.db, dbKind: second.kind } : t.ctx;
    try {
      const a = recordingQueue();
      const b = recordingQueue();
      await Promise.all([scheduleSources(t.ctx, a.queue), scheduleSources(otherCtx, b.queue)]);
      const claimed = [...a.sent, ...b.sent].map((s) => (s.data as { sourceId: number }).sourceId);
      expect(claimed.sort()).toEqual([...ids].sort());
    } finally {
      await second?.close();
    }
  });
});

describe('source.fetch', () => {
  it('runs the source and records the run; a deleted source is a no-op', async () => {
    const id = await addSource('坏地址');
    const { queue } = recordingQueue();
    await fetchSourceJob.handler(t.ctx, { sourceId: id, trigger: 'manual' }, queue);
    const run = await t.ctx.db
      .selectFrom('source_runs')
      .select(['trigger', 'status', 'error'])
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    // Port 1 refuses connections, so robots.txt cannot be read: nothing is fetched.
    expect(run).toEqual({
      trigger: 'manual',
      status: 'failed',
      error: '网站无法访问（连接被拒绝，ECONNREFUSED），暂不抓取',
    });
    await fetchSourceJob.handler(t.ctx, { sourceId: 999_999, trigger: 'schedule' }, queue);
  });
});
