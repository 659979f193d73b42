import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import iconv from 'iconv-lite';
import { Type } from '@sinclair/typebox';
import { localDate } from '../../lib/calendar.js';
import type { AppInstance } from '../../server/app-instance.js';
import type { AppContext } from '../../server/context.js';
import {
  DEMO_HOTLINE,
  DEMO_NEWS,
  DEMO_THREADS,
  THREADS_PER_PAGE,
  type DemoThread,
} from './demo-site-content.js';

/**
 * The demo township's own little web: a community forum in GBK (as many Chinese sites still
 * are), the township's RSS news feed and a hotline's JSON API, so that monitoring visibly works on
 * first start without reaching the internet. Registered only when the demo is on.
 */
export const DEMO_PATHS = {
  forum: '/demo/forum/',
  news: '/demo/news/rss.xml',
  hotline: '/demo/hotline/api',
} as const;

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** Hours before the start of the current local day: stable all day, so unchanged pages get 304. */
function timeOf(ctx: AppContext, hoursAgo: number): Date {
  const midnight = new Date(
    `${localDate(ctx.clock.now(), ctx.config.deadlines.timeZone)}T00:00:00+08:00`,
  );
  return new Date(midnight.getTime() - hoursAgo * 3_600_000);
}

const shanghai = (d: Date) => {
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
};

/** Answers with an ETag and Last-Modified; a matching conditional request gets 304. */
function send(
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  body: Buffer,
  modified: Date,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  const lastModified = modified.toUTCString();
  reply
    .header('etag', etag)
    .header('last-modified', lastModified)
    .header('cache-control', 'no-cache');
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifNoneMatch === etag || (!ifNoneMatch && ifModifiedSince === lastModified)) {
    return reply.code(304).send();
  }
  return reply.type(type).send(body);
}

function page(title: string, content: string): Buffer {
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="gbk"><title>${escapeXml(title)}</title></head>` +
    `<body><header><a href="${DEMO_PATHS.forum}">云溪社区论坛</a> · 民生版（演示站点）</header>${content}</body></html>`;
  return iconv.encode(html, 'gbk');
}

function threadPage(ctx: AppContext, t: DemoThread): Buffer {
  return page(
    t.title,
    `<article><h1 class="thread-title">${escapeXml(t.title)}</h1>` +
      `<div class="meta">楼主：<span class="author">${escapeXml(t.author)}</span> ` +
      `发表于 <span class="post-time">${shanghai(timeOf(ctx, t.hoursAgo))}</span> ` +
      `赞 <span class="likes">${t.likes}</span></div>` +
      `<div class="post-content"><p>${escapeXml(t.body)}</p></div></article>`,
  );
}

function listPage(ctx: AppContext, n: number): Buffer | null {
  const threads = [...DEMO_THREADS].sort((a, b) => a.hoursAgo - b.hoursAgo);
  const pages = Math.ceil(threads.length / THREADS_PER_PAGE);
  if (n < 1 || n > pages) return null;
  const items = threads
    .slice((n - 1) * THREADS_PER_PAGE, n * THREADS_PER_PAGE)
    .map(
      (t) =>
        `<li><a class="title" href="${DEMO_PATHS.forum}thread/${t.id}.html">${escapeXml(t.title)}</a> ` +
        `<span class="meta">${escapeXml(t.author)} · ${shanghai(timeOf(ctx, t.hoursAgo))}</span></li>`,
    )
    .join('');
  const next =
    n < pages ? `<a class="next" href="${DEMO_PATHS.forum}page/${n + 1}">下一页</a>` : '';
  return page(
    `云溪社区论坛 第${n}页`,
    `<h1>民生版</h1><ul class="threads">${items}</ul><div class="pager">第 ${n}/${pages} 页 ${next}</div>`,
  );
}

function newsFeed(ctx: AppContext, origin: string): Buffer {
  const items = DEMO_NEWS.map(
    (n) =>
      `<item><title>${escapeXml(n.title)}</title><link>${origin}/demo/news/${n.id}.html</link>` +
      `<guid>${origin}/demo/news/${n.id}.html</guid><pubDate>${timeOf(ctx, n.hoursAgo).toUTCString()}</pubDate>` +
      `<description>${escapeXml(n.summary)}</description></item>`,
  ).join('');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>云溪镇政务新闻（演示）</title>` +
      `<link>${origin}/demo/news/</link><description>云溪镇人民政府新闻动态</description>${items}</channel></rss>`,
  );
}

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function demoSiteRoutes(app: AppInstance, ctx: AppContext): void {
  const hide = { hide: true };
  app.get(DEMO_PATHS.forum, { schema: hide }, (request, reply) => {
    const body = listPage(ctx, 1);
    return send(request, reply, 'text/html; charset=gbk', body ?? Buffer.alloc(0), timeOf(ctx, 0));
  });
  app.get(
    `${DEMO_PATHS.forum}page/:n`,
    { schema: { ...hide, params: Type.Object({ n: Type.Integer() }) } },
    (request, reply) => {
      const body = listPage(ctx, request.params.n);
      if (!body) return reply.code(404).type('text/html; charset=utf-8').send('没有这一页');
      return send(request, reply, 'text/html; charset=gbk', body, timeOf(ctx, 0));
    },
  );
  app.get(
    `${DEMO_PATHS.forum}thread/:file`,
    { schema: { ...hide, params: Type.Object({ file: Type.String({ maxLength: 20 }) }) } },
    (request, reply) => {
      const id = Number(/^(\d+)\.html$/.exec(request.params.file)?.[1]);
      const thread = DEMO_THREADS.find((t) => t.id === id);
      if (!thread) return reply.code(404).type('text/html; charset=utf-8').send('帖子不存在');
      return send(
        request,
        reply,
        'text/html; charset=gbk',
        threadPage(ctx, thread),
        timeOf(ctx, thread.hoursAgo),
      );
    },
  );
  app.get(DEMO_PATHS.news, { schema: hide }, (request, reply) =>
    send(
      request,
      reply,
      'application/rss+xml; charset=utf-8',
      newsFeed(ctx, origin(request)),
      timeOf(ctx, 0),
    ),
  );
  app.get(
    '/demo/news/:file',
    { schema: { ...hide, params: Type.Object({ file: Type.String({ maxLength: 20 }) }) } },
    (request, reply) => {
      const id = Number(/^(\d+)\.html$/.exec(request.params.file)?.[1]);
      const news = DEMO_NEWS.find((n) => n.id === id);
      if (!news) return reply.code(404).type('text/html; charset=utf-8').send('页面不存在');
      const html =
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeXml(news.title)}</title></head>` +
        `<body><h1>${escapeXml(news.title)}</h1><p class="time">${shanghai(timeOf(ctx, news.hoursAgo))}</p>` +
        `<div class="content"><p>${escapeXml(news.summary)}</p></div></body></html>`;
      return send(
        request,
        reply,
        'text/html; charset=utf-8',
        Buffer.from(html),
        timeOf(ctx, news.hoursAgo),
      );
    },
  );
  app.get(
    DEMO_PATHS.hotline,
    {
      schema: {
        ...hide,
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) }),
      },
    },
    (request, reply) => {
      const n = request.query.page ?? 1;
      const perPage = 2;
      const items = DEMO_HOTLINE.slice((n - 1) * perPage, n * perPage).map((h) => ({
        code: h.code,
        subject: h.subject,
        content: h.content,
        caller: h.caller,
        time: timeOf(ctx, h.hoursAgo).toISOString(),
      }));
      const body = Buffer.from(
        JSON.stringify({
          data: { items },
          page: n,
          pages: Math.ceil(DEMO_HOTLINE.length / perPage),
        }),
      );
      return send(request, reply, 'application/json; charset=utf-8', body, timeOf(ctx, 0));
    },
  );
}
