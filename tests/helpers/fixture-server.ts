import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fixture server saw: every request, in order. */
export interface FixtureRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
}

export type FixtureHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, as fetch_hosts keys it. */
  host: string;
  requests: FixtureRequest[];
  /** Requests for one path (with its query). */
  requestsFor(path: string): FixtureRequest[];
  route(path: string, handler: FixtureHandler): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server for fetcher tests, on 127.0.0.1 and a free port. Routes match the path with
 * its query exactly; anything else is a 404. Every request is recorded with its headers.
 */
export async function startFixtureServer(
  routes: Record<string, FixtureHandler> = {},
): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: FixtureRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    requestsFor: (path) => requests.filter((r) => r.path === path),
    route: (path, handler) => table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A page that answers conditional GETs: 304 when If-None-Match matches its ETag or
 * If-Modified-Since is not older than its Last-Modified.
 */
export function page(
  body: string | Buffer,
  contentType: string,
  validators: { etag?: string; lastModified?: string } = {},
): FixtureHandler {
  return (req, res) => {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (validators.etag) headers.etag = validators.etag;
    if (validators.lastModified) headers['last-modified'] = validators.lastModified;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const unchanged =
      (validators.etag !== undefined && inm === validators.etag) ||
      (inm === undefined &&
        validators.lastModified !== undefined &&
        ims !== undefined &&
        Date.parse(ims) >= Date.parse(validators.lastModified));
    if (unchanged) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers).end(body);
  };
}

/** Always the same status (503 by default), with optional headers such as Retry-After. */
export function failing(status = 503, headers: Record<string, string> = {}): FixtureHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end('unavailable');
  };
}

/** Answers only after `ms` milliseconds (or never, if the client gives up first). */
export function slow(ms: number, then: FixtureHandler): FixtureHandler {
  return (req, res) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (res.destroyed) return resolve();
        Promise.resolve(then(req, res)).then(resolve, resolve);
      }, ms);
      res.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

export function redirect(location: string, status = 302): FixtureHandler {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}
