import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';

/**
 * Where the crawler may not connect. A source or a 试抓取 preview is defined by monitors, not only
 * admins, and the preview shows what it fetched: without this, a source at http://127.0.0.1:…/ or
 * the cloud's metadata service would read the server's own neighbours to whoever asked.
 *
 * Never: link-local (169.254/16: the metadata service of most clouds; fe80::/10), "this network"
 * (0/8, ::), multicast and broadcast, and Alibaba Cloud's metadata address 100.100.100.200.
 * Loopback (127/8, ::1, localhost) only where the deployment allows it: the demo's sites are
 * served by the server itself. Private ranges (10/8, 172.16/12, 192.168/16) stay allowed: county
 * sites on the government extranet (政务外网) live there.
 */
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('240.0.0.0', 4, 'ipv4');
NEVER.addAddress('100.100.100.200', 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The error code a refused address gives, as a network failure of the request. */
export const ADDRESS_BLOCKED = 'EADDRBLOCKED';

/** ::ffff:127.0.0.1 and ::ffff:7f00:1 are 127.0.0.1. */
function asIpv4(address: string): string | null {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2] ?? '0', 16);
  const lo = parseInt(m[3] ?? '0', 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when the crawler must not connect to this IP address. */
export function addressBlocked(address: string, allowLoopback: boolean): boolean {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = isIP(plain) === 4 ? plain : asIpv4(plain);
  const [ip, type] = v4 ? [v4, 'ipv4' as const] : [plain, 'ipv6' as const];
  if (NEVER.check(ip, type)) return true;
  return !allowLoopback && LOOPBACK.check(ip, type);
}

function blockedError(host: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`address of ${host} is not allowed`);
  error.code = ADDRESS_BLOCKED;
  return error;
}

/** Refuses an IP literal in the URL before any connection (the resolver never sees those). */
export function assertHostAllowed(url: string, allowLoopback: boolean): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && addressBlocked(host, allowLoopback)) throw blockedError(host);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup, refusing a name any of whose addresses is blocked (checked at connect time). */
function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (addresses.some((a) => addressBlocked(a.address, allowLoopback)))
        return callback(blockedError(hostname), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(blockedError(hostname), []);
      callback(null, first.address, first.family);
    });
  };
}

const agents = new Map<boolean, Agent>();

/** The connection pool whose every connection goes to an allowed address. */
export function guardedAgent(allowLoopback: boolean): Agent {
  let agent = agents.get(allowLoopback);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(allowLoopback) } });
    agents.set(allowLoopback, agent);
  }
  return agent;
}
