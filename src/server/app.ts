import { analysisRoutes } from '../modules/analysis/analysis.routes.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { webDistDir } from '../lib/paths.js';
import { renderWebIndex } from './web-index.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { boardRoutes } from '../modules/board/board.routes.js';
import { caseActRoutes } from '../modules/cases/case-acts.routes.js';
import { caseRoutes } from '../modules/cases/cases.routes.js';
import { archiveTransferRoutes } from '../modules/cases/documents/archive-transfer.routes.js';
import { caseDocumentRoutes } from '../modules/cases/documents/documents.routes.js';
import { noticeRoutes } from '../modules/cases/notices/notices.routes.js';
import { setupRoutes } from '../modules/system/setup.routes.js';
import { backupRoutes } from '../modules/system/backup.routes.js';
import { unitStatsRoutes } from '../modules/cases/stats/stats.routes.js';
import { demoSiteRoutes } from '../modules/demo/demo-site.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { inboxRoutes } from '../modules/notifications/inbox.routes.js';
import { notificationSettingsRoutes } from '../modules/notifications/notification-settings.routes.js';
import { holidayRoutes } from '../modules/holidays/holidays.routes.js';
import { importRoutes } from '../modules/org/import.routes.js';
import { ledgerImportRoutes } from '../modules/cases/ledger-import/ledger-import.routes.js';
import { unitRoutes, userRoutes, workingGroupRoutes } from '../modules/org/org.routes.js';
import { postRoutes } from '../modules/posts/posts.routes.js';
import { watchRoutes } from '../modules/watch/watch.routes.js';
import { sourceRoutes } from '../modules/sources/sources.routes.js';
import { situationRoutes } from '../modules/analysis/situation/situation.routes.js';
import { alertsRoutes } from '../modules/analysis/alerts/alerts.routes.js';
import { topicRoutes } from '../modules/analysis/topics/topics.routes.js';
import { incidentRoutes } from '../modules/incidents/incidents.routes.js';
import { replyCheckRoutes } from '../modules/analysis/reply-check.routes.js';
import { reportRoutes } from '../modules/reports/reports.routes.js';
import { infoReportRoutes } from '../modules/info-reports/info-reports.routes.js';
import { installAccessHook, requireSignedIn, type RouteInfo } from './access-hook.js';
import type { AppInstance } from './app-instance.js';
import type { AppContext } from './context.js';
import { robotsRoute } from './robots.js';
import { isDate, isDateTime } from './formats.js';
import { installIntegerBounds } from './integer-bounds.js';
import { installRequestGuard } from './request-guard.js';
import { installStrictNumbers } from './strict-numbers.js';
import { frameworkError, installErrorHandler } from './error-handler.js';
import { sharedSchemaCompilers } from './schema-compilers.js';

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Where the built web app is; the API works without it. */
  webDir?: string;
}

export interface BuiltApp {
  app: AppInstance;
  /** Every API route with the access it declares (the authorisation test walks these). */
  routes: RouteInfo[];
}

/**
 * A request as the log keeps it: what was searched for (a citizen's phone number, a name) and a
 * citizen's lookup code stay out of the log, which more people read than the database.
 */
export function logRequest(request: {
  method: string;
  url: string;
  host?: string;
  ip?: string;
}): Record<string, unknown> {
  const url = request.url
    .replace(/^(\/api\/board\/messages\/)[^/?]+/, '$1***')
    .replace(/([?&](?:q|contact|username)=)[^&]*/g, '$1***');
  return { method: request.method, url, host: request.host, remoteAddress: request.ip };
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<BuiltApp> {
  const { trustProxy } = ctx.config;
  const logger = options.logger ?? { level: ctx.config.logLevel };
  const app = Fastify({
    logger:
      typeof logger === 'object'
        ? { ...logger, serializers: { req: logRequest, ...logger.serializers } }
        : logger,
    // A number is how many proxies stand in front: the address the nearest of them saw is the
    // client's, whatever the client wrote further left in X-Forwarded-For.
    trustProxy: typeof trustProxy === 'number' ? (_address, hop) => hop < trustProxy : trustProxy,
    bodyLimit: 1024 * 1024,
    // A bad %-escape or an over-long parameter in the path: the same JSON shape as every error.
    frameworkErrors: (err, _request, reply: FastifyReply) => {
      const { status, body } = frameworkError(err);
      void reply.status(status).send(body);
    },
    // A request Node's HTTP parser cannot read at all never reaches Fastify.
    clientErrorHandler: (_err, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({
        error: { code: 'VALIDATION_FAILED', message: '请求格式不正确，无法解析' },
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    schemaController: { compilersFactory: sharedSchemaCompilers },
    ajv: {
      customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false },
      // After ajv-formats, whose date and date-time would let year 9999 through.
      onCreate: (ajv) => {
        ajv.addFormat('date', isDate);
        ajv.addFormat('date-time', isDateTime);
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const routes: RouteInfo[] = [];

  installErrorHandler(app);
  installIntegerBounds(app);
  installRequestGuard(app);
  installStrictNumbers(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Only where the deployment says it is served over HTTPS alone (YUQING_COOKIE_SECURE=always):
    // on plain http inside a county network HSTS would lock browsers out for half a year.
    hsts: ctx.config.cookieSecure === 'always' ? { maxAge: 180 * 24 * 3600 } : false,
  });
  // API answers carry citizens' messages and contact details: no browser or proxy may keep a copy
  // (a shared office PC's disk cache, the back button after logout). Downloads set their own.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(cookie);
  // Counted in the database: every API process shares the same allowance per address.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(ctx) });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'yuqing 舆情 API',
        description: '网络舆情监测与办理系统的接口。写操作需带 x-csrf-token 请求头（登录时返回）。',
        version: ctx.version,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yq_session' } },
      },
    },
  });
  // The API's map is for those who use it, not for whoever finds the server (the board makes it
  // public): the docs page and its /json and /yaml need a session, as /api/openapi.json does.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiHooks: {
      onRequest: (request, _reply, done) =>
        void requireSignedIn(ctx, request).then(() => done(), done),
    },
  });
  installAccessHook(app, ctx, routes);

  app.get(
    '/api/openapi.json',
    { config: { access: 'authenticated' }, schema: { hide: true } },
    () => app.swagger(),
  );
  healthRoutes(app, ctx);
  setupRoutes(app, ctx);
  backupRoutes(app, ctx);
  authRoutes(app, ctx);
  unitRoutes(app, ctx);
  userRoutes(app, ctx);
  workingGroupRoutes(app, ctx);
  importRoutes(app, ctx);
  ledgerImportRoutes(app, ctx);
  auditRoutes(app, ctx);
  inboxRoutes(app, ctx);
  notificationSettingsRoutes(app, ctx);
  holidayRoutes(app, ctx);
  caseRoutes(app, ctx);
  caseActRoutes(app, ctx);
  caseDocumentRoutes(app, ctx);
  archiveTransferRoutes(app, ctx);
  noticeRoutes(app, ctx);
  unitStatsRoutes(app, ctx);
  postRoutes(app, ctx);
  boardRoutes(app, ctx);
  watchRoutes(app, ctx);
  sourceRoutes(app, ctx);
  analysisRoutes(app, ctx);
  situationRoutes(app, ctx);
  alertsRoutes(app, ctx);
  topicRoutes(app, ctx);
  incidentRoutes(app, ctx);
  replyCheckRoutes(app, ctx);
  reportRoutes(app, ctx);
  infoReportRoutes(app, ctx);
  robotsRoute(app, ctx);
  if (ctx.config.demo) demoSiteRoutes(app, ctx);

  const webDir = options.webDir ?? webDistDir;
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // index.html (also as / or any folder) is left to the handler below, which writes the
    // deployment's settings into it.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: false,
      allowedPath: (path) => path !== '/index.html' && !path.endsWith('/'),
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // The web app routes in the browser: any other GET outside /api gets its page.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api')) {
      // Missing only while the web app is being rebuilt: then the 404 below.
      const html = await readFile(join(webDir, 'index.html'), 'utf8').catch(() => undefined);
      if (html !== undefined)
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(renderWebIndex(html, { timeZone: ctx.config.deadlines.timeZone }));
    }
    return reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url}` },
    });
  });

  return { app, routes };
}
