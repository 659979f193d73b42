import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import {
  FIRST_YEAR,
  HolidayOverview,
  holidayOverview,
  LAST_YEAR,
  resetArrangement,
  SaveArrangementBody,
  saveArrangement,
} from './holiday-arrangements.js';

const tags = ['节假日安排'];
const YearParams = Type.Object({
  year: Type.Integer({ minimum: FIRST_YEAR, maximum: LAST_YEAR, description: '年份' }),
});

/** 节假日安排: everyone may read which days count; the office and admins enter each year's. */
export function holidayRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/holidays',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: '节假日安排：去年、今年、明年及已录入的年份，与尚未录入的提醒',
        response: { 200: HolidayOverview },
      },
    },
    async () => holidayOverview(ctx),
  );
  app.put(
    '/api/holidays/:year',
    {
      config: { access: 'holidays.manage' },
      schema: {
        tags,
        summary: '录入（或修改）一年的节假日安排，取代该年的内置数据',
        params: YearParams,
        body: SaveArrangementBody,
        response: { 200: HolidayOverview, 400: ErrorReply },
      },
    },
    async (request) =>
      saveArrangement({
        ctx,
        actor: requireActor(request),
        year: request.params.year,
        input: request.body,
      }),
  );
  app.delete(
    '/api/holidays/:year',
    {
      config: { access: 'holidays.manage' },
      schema: {
        tags,
        summary: '撤销录入的一年安排（恢复使用内置数据）',
        params: YearParams,
        response: { 200: HolidayOverview, 404: ErrorReply },
      },
    },
    async (request) =>
      resetArrangement({ ctx, actor: requireActor(request), year: request.params.year }),
  );
}
