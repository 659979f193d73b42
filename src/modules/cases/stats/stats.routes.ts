import type { AppInstance } from '../../../server/app-instance.js';
import { ErrorReply } from '../../../server/common-schemas.js';
import type { AppContext } from '../../../server/context.js';
import { loadOrgName } from '../documents/case-record.js';
import { sendDownload, XLSX } from '../documents/download.js';
import { periodOf } from './period.js';
import { buildUnitStatsXlsx } from './unit-stats-xlsx.js';
import { UnitStats, UnitStatsQuery, unitLedger, unitStats } from './unit-stats.js';

const tags = ['督办'];

/**
 * Per-unit ledgers (DESIGN §2.7). Readable with `cases.supervise` (office and leaders): the
 * figures rank units, which the viewer role's dashboards do not need.
 */
export function unitStatsRoutes(app: AppInstance, ctx: AppContext): void {
  const compute = (query: UnitStatsQuery) => {
    const now = ctx.clock.now();
    return unitStats(ctx.db, periodOf(query, now, ctx.config.deadlines.timeZone), now);
  };

  app.get(
    '/api/stats/units',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags,
        summary: '单位办理统计：收件、按期、超期、延期、当前超期未办、平均办理时长（默认本月）',
        querystring: UnitStatsQuery,
        response: { 200: UnitStats, 400: ErrorReply },
      },
    },
    async (request) => compute(request.query),
  );

  app.get(
    '/api/stats/units.xlsx',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags,
        summary: '下载单位办理台账（.xlsx）',
        querystring: UnitStatsQuery,
        response: { 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const now = ctx.clock.now();
      const period = periodOf(request.query, now, ctx.config.deadlines.timeZone);
      const { stats, slips } = await unitLedger(ctx.db, period, now);
      const file = await buildUnitStatsXlsx(stats, slips, {
        orgName: await loadOrgName(ctx.db),
        now,
      });
      const span = `${stats.from}_${stats.to}`;
      return sendDownload(reply, {
        type: XLSX,
        name: `单位办理台账-${span}.xlsx`,
        asciiName: `unit-ledger-${span}.xlsx`,
        data: file,
      });
    },
  );
}
