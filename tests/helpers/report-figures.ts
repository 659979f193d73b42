import type { ReportFigures } from '../../src/modules/reports/report.schemas.js';

/** A weekly report's figures, made on the Monday after its week (2026-11-23 to 11-29). */
export function weeklyFigures(over: Partial<ReportFigures> = {}): ReportFigures {
  return {
    kind: 'weekly',
    from: '2026-11-23',
    to: '2026-11-29',
    generatedAt: '2026-11-30T08:30:00.000Z',
    orgName: '云溪镇',
    posts: {
      total: 28,
      negative: 10,
      urgent: 1,
      bySource: [{ key: 'source:1', name: '云溪论坛', count: 28 }],
      byCategory: [{ key: '1', name: '城乡建设', count: 28 }],
      bySentiment: [],
      byDay: [],
    },
    cases: {
      registered: 4,
      published: 2,
      publishedOnTime: 2,
      firstResponse: { count: 0, medianMinutes: null, averageMinutes: null },
      slips: {
        received: 5,
        onTime: 3,
        late: 1,
        pending: 1,
        extended: 0,
        overdueNow: 0,
        averageHours: 10,
        onTimeRate: 75,
      },
    },
    units: [],
    incidents: {
      opened: 1,
      closed: 0,
      byLevel: [
        { key: 'general', name: '一般', count: 1 },
        { key: 'major', name: '较大', count: 0 },
        { key: 'serious', name: '重大', count: 0 },
        { key: 'critical', name: '特别重大', count: 0 },
      ],
    },
    topics: [],
    notable: { mostLiked: [], urgent: [], negative: [] },
    duty: null,
    ...over,
  };
}
