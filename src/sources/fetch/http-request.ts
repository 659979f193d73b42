import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { request } from 'undici';
import { ADDRESS_BLOCKED, assertHostAllowed, guardedAgent } from './address-guard.js';

/** One GET, no redirects followed, no retries: the bytes or why there are none. */
export type RawResponse =
  | {
      ok: true;
      status: number;
      headers: Record<string, string>;
      body: Buffer;
    }
  | { ok: false; failure: RequestFailure };

export type RequestFailure =
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; code: string }
  | { kind: 'too-large'; maxBytes: number }
  /** Compressed bytes that do not unpack. */
  | { kind: 'corrupt'; code: string };

/** What a network error code means to the person reading a source's health, in Chinese. */
export function networkText(code: string): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return '域名无法解析';
  if (code === 'ECONNREFUSED') return '连接被拒绝';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return '连接被中断';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return '网络不可达';
  if (/CERT|TLS|SSL/.test(code)) return '网站证书无效';
  if (code === ADDRESS_BLOCKED) return '不允许抓取本机或保留的内部地址';
  return '无法连接';
}

export interface RequestOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** May connect to this machine itself (127.0.0.0/8, ::1); see address-guard.ts. */
  allowLoopback: boolean;
}

function flatHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

class TooLarge extends Error {}
class Corrupt extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The body as sent by the server, unpacked; the size cap applies to the unpacked bytes too. */
function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity' || body.length === 0) return body;
  const limits = { maxOutputLength: maxBytes };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(body, limits);
    if (coding === 'deflate') return inflateSync(body, limits);
    if (coding === 'br') return brotliDecompressSync(body, limits);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new TooLarge();
    throw new Corrupt(typeof code === 'string' ? code : 'UNKNOWN');
  }
  return body;
}

/** A GET that gives up after timeoutMs in all (connect, headers and body) and past maxBytes. */
export async function httpGet(url: string, options: RequestOptions): Promise<RawResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    assertHostAllowed(url, options.allowLoopback);
    const res = await request(url, {
      dispatcher: guardedAgent(options.allowLoopback),
      method: 'GET',
      headers: options.headers,
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > options.maxBytes) throw new TooLarge();
        chunks.push(buf);
      }
    } catch (error) {
      res.body.destroy();
      throw error;
    }
    const headers = flatHeaders(res.headers);
    return {
      ok: true,
      status: res.statusCode,
      headers,
      body: decompress(Buffer.concat(chunks), headers['content-encoding'], options.maxBytes),
    };
  } catch (error) {
    if (error instanceof TooLarge) {
      return { ok: false, failure: { kind: 'too-large', maxBytes: options.maxBytes } };
    }
    if (error instanceof Corrupt)
      return { ok: false, failure: { kind: 'corrupt', code: error.code } };
    const code = errorCode(error);
    if (timedOut || code.includes('TIMEOUT')) {
      return { ok: false, failure: { kind: 'timeout', timeoutMs: options.timeoutMs } };
    }
    return { ok: false, failure: { kind: 'network', code } };
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(error: unknown): string {
  let e: unknown = error;
  // undici wraps the socket error in `cause`.
  for (let depth = 0; depth < 3 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR_ABORTED') {
      return code;
    }
    e = e.cause;
  }
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
    ? String((error as { code?: unknown }).code)
    : 'UNKNOWN';
}
