import { Type, type Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import { assertCan, type Actor } from '../access/actor.js';
import { isRole, type Role } from '../access/roles.js';
import { recordAudit } from '../audit/record-audit.js';
import { RoleSchema } from '../auth/auth.schemas.js';
import { usersWithRoles } from '../notifications/notify.js';

/** Where the schedule of the reports lives in the `settings` table. */
export const REPORT_SETTINGS_KEY = 'reports.settings';

export const ReportSettings = Type.Object(
  {
    dailyEnabled: Type.Boolean({ description: '每个工作日自动生成并送达当日舆情日报' }),
    dailyTime: Type.String({
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      description: '日报生成时间（本地时间，HH:mm），应在下班之前；默认 16:30',
    }),
    periodicEnabled: Type.Boolean({
      description: '周报、月报、季报、年报于期满后第一个工作日的同一时间自动生成并送达',
    }),
    recipientRoles: Type.Array(RoleSchema, {
      uniqueItems: true,
      description: '接收的角色（默认领导）',
    }),
    recipientUserIds: Type.Array(Type.Integer({ minimum: 1 }), {
      uniqueItems: true,
      maxItems: 200,
      description: '另外接收的用户',
    }),
  },
  { additionalProperties: false },
);
export type ReportSettings = Static<typeof ReportSettings>;

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  dailyEnabled: true,
  dailyTime: '16:30',
  periodicEnabled: true,
  recipientRoles: ['leader'],
  recipientUserIds: [],
};

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Reads what is stored, filling in defaults: a setting written by an older version still loads. */
export function parseReportSettings(value: unknown): ReportSettings {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const d = DEFAULT_REPORT_SETTINGS;
  return {
    dailyEnabled: typeof v.dailyEnabled === 'boolean' ? v.dailyEnabled : d.dailyEnabled,
    dailyTime:
      typeof v.dailyTime === 'string' && TIME.test(v.dailyTime) ? v.dailyTime : d.dailyTime,
    periodicEnabled: typeof v.periodicEnabled === 'boolean' ? v.periodicEnabled : d.periodicEnabled,
    recipientRoles: Array.isArray(v.recipientRoles)
      ? v.recipientRoles.filter((r): r is Role => typeof r === 'string' && isRole(r))
      : d.recipientRoles,
    recipientUserIds: Array.isArray(v.recipientUserIds)
      ? v.recipientUserIds.filter((id): id is number => Number.isInteger(id) && Number(id) > 0)
      : d.recipientUserIds,
  };
}

export async function loadReportSettings(db: Kysely<DB>): Promise<ReportSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', REPORT_SETTINGS_KEY)
    .executeTakeFirst();
  return parseReportSettings(row?.value);
}

/** The users who receive the reports: the roles' active users and those named. */
export async function reportRecipients(
  db: Kysely<DB>,
  settings: ReportSettings,
): Promise<number[]> {
  const byRole = await usersWithRoles(db, settings.recipientRoles);
  return [...new Set([...byRole, ...settings.recipientUserIds])];
}

export async function saveReportSettings({
  ctx,
  actor,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  input: ReportSettings;
}): Promise<ReportSettings> {
  assertCan(actor, 'reports.manage');
  const settings = parseReportSettings(input);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadReportSettings(trx);
    const value = JSON.stringify(settings);
    await trx
      .insertInto('settings')
      .values({ key: REPORT_SETTINGS_KEY, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
    await recordAudit(trx, ctx.clock, actor, {
      action: 'reports.settings',
      entityType: 'settings',
      entityId: REPORT_SETTINGS_KEY,
      summary: `修改舆情报告设置：日报${settings.dailyEnabled ? `每个工作日 ${settings.dailyTime}` : '不自动生成'}`,
      before,
      after: settings,
    });
    return settings;
  });
}
