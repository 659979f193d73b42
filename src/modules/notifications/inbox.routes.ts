import type { AppInstance } from '../../server/app-instance.js';
import { requireActor } from '../../server/access-hook.js';
import { ErrorReply, IdParams, Page } from '../../server/common-schemas.js';
import type { AppContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import type { Actor } from '../access/actor.js';
import { countUnread, listInbox } from './inbox.queries.js';
import { markAllRead, markRead } from './mark-read.js';
import { InboxItem, InboxQuery, ReadAllReply, UnreadCount } from './notifications.schemas.js';

const ownId = (actor: Actor): number => {
  if (actor.id === null) throw forbidden('只有登录用户有收件箱');
  return actor.id;
};

/** Each signed-in user's own inbox; nobody reads or marks another's. */
export function inboxRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['通知'];
  app.get(
    '/api/inbox',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的通知（未读在前，新的在前）',
        querystring: InboxQuery,
        response: { 200: Page(InboxItem) },
      },
    },
    async (request) => listInbox(ctx.db, ownId(requireActor(request)), request.query),
  );
  app.get(
    '/api/inbox/unread-count',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我的未读通知数', response: { 200: UnreadCount } },
    },
    async (request) => ({ count: await countUnread(ctx.db, ownId(requireActor(request))) }),
  );
  app.post(
    '/api/inbox/:id/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '标为已读',
        params: IdParams,
        response: { 200: InboxItem, 404: ErrorReply },
      },
    },
    async (request) => markRead({ ctx, actor: requireActor(request), id: request.params.id }),
  );
  app.post(
    '/api/inbox/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '全部标为已读',
        response: { 200: ReadAllReply },
      },
    },
    async (request) => markAllRead({ ctx, actor: requireActor(request) }),
  );
}
