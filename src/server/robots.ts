import type { AppInstance } from './app-instance.js';
import type { AppContext } from './context.js';

/**
 * yuqing is an internal system: crawlers keep out, except for the public message board and, in a
 * demo, the demo township's sites (which yuqing's own fetcher reads, and it obeys this file).
 */
export function robotsRoute(app: AppInstance, ctx: AppContext): void {
  const lines = ['User-agent: *', 'Allow: /board'];
  if (ctx.config.demo) lines.push('Allow: /demo/');
  lines.push('Disallow: /', '');
  const body = lines.join('\n');
  app.get('/robots.txt', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(body),
  );
}
