import { resolve } from 'node:path';
import { HolidayCalendar } from './lib/calendar.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  demo: boolean;
  demoPassword: string;
  /** `auto`: Secure cookies when the request came over HTTPS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /**
   * Which X-Forwarded-* to believe: false (none), the number of proxies in front (1: the one
   * reverse proxy), or their addresses. Never "all": the client writes the left end of
   * X-Forwarded-For itself, and would choose its own address for the rate limits and the audit log.
   */
  trustProxy: boolean | number | string;
  workers: boolean;
  logLevel: string;
  /** A session ends after this many idle hours… */
  sessionHours: number;
  /** …and this many hours after signing in, however busy (at least sessionHours). */
  sessionMaxHours: number;
  /**
   * Sources may fetch from this machine itself (127.0.0.0/8, ::1, localhost). On by default only
   * with the demo, whose sites the server serves itself: otherwise a monitor's source or preview
   * could read the services listening on the server.
   */
  crawlLoopback: boolean;
  /** Login attempts one client address may make per minute, whatever the user names. */
  loginRatePerMinute: number;
  /** Deadlines of the case workflow (DESIGN §2): how days are counted, and how many. */
  deadlines: DeadlinePolicy;
  /** The public message board (网络问政, DESIGN §6). */
  board: BoardPolicy;
  /**
   * 自动备份: a daily logical backup into `dir`, the newest `keep` kept (0: none made); encrypted
   * with `key` when it is set (and `yuqing backup` / `restore` use it too).
   */
  backup: { dir: string; keep: number; key?: string };
}

export interface BoardPolicy {
  /** Leading zero bits the proof of work needs (each bit doubles the work; 16 ≈ 1 s on a phone). */
  powBits: number;
  /** Messages one address may leave per hour and per day. */
  perHour: number;
  perDay: number;
  /** Requests per minute from one address to the board's form (its challenge gets three times more). */
  requestsPerMinute: number;
}

export interface DeadlinePolicy {
  counting: 'calendar' | 'working';
  /** A unit's written reply is due this many days after the slip (normal / urgent). */
  handlingDays: number;
  urgentHandlingDays: number;
  /** The public reply is due this many days after the citizen posted; an extension reaches at most maxReplyDays. */
  replyDays: number;
  maxReplyDays: number;
  /** Reminders go out this many hours before a due time. */
  remindHours: number;
  timeZone: string;
  /**
   * The statutory holidays: built in, plus the arrangements entered under 节假日安排, which each
   * process loads from the database (holiday-sync.ts). One per loaded configuration.
   */
  holidays: HolidayCalendar;
}

export const DEFAULT_DEMO_PASSWORD = 'Demo@2026';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cookieSecure = env.YUQING_COOKIE_SECURE ?? 'auto';
  if (cookieSecure !== 'auto' && cookieSecure !== 'always' && cookieSecure !== 'never') {
    throw new Error('YUQING_COOKIE_SECURE must be auto, always or never');
  }
  const dataDir = resolve(env.YUQING_DATA_DIR ?? 'data');
  const demo = env.YUQING_DEMO !== '0';
  const sessionHours = intSetting(env.YUQING_SESSION_HOURS, 12, 'YUQING_SESSION_HOURS');
  return {
    port: intSetting(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    adminPassword: env.YUQING_ADMIN_PASSWORD || undefined,
    demo,
    demoPassword: env.YUQING_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    cookieSecure,
    trustProxy: trustProxySetting(env.YUQING_TRUST_PROXY),
    workers: env.YUQING_WORKERS !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionHours,
    sessionMaxHours: Math.max(
      sessionHours,
      intSetting(env.YUQING_SESSION_MAX_HOURS, 24, 'YUQING_SESSION_MAX_HOURS'),
    ),
    crawlLoopback: env.YUQING_CRAWL_LOOPBACK ? env.YUQING_CRAWL_LOOPBACK === '1' : demo,
    loginRatePerMinute: intSetting(env.YUQING_LOGIN_RATE, 20, 'YUQING_LOGIN_RATE'),
    deadlines: {
      counting: dayCounting(env.YUQING_DAY_COUNTING),
      handlingDays: intSetting(env.YUQING_HANDLING_DAYS, 3, 'YUQING_HANDLING_DAYS'),
      urgentHandlingDays: intSetting(env.YUQING_URGENT_DAYS, 2, 'YUQING_URGENT_DAYS'),
      replyDays: intSetting(env.YUQING_REPLY_DAYS, 3, 'YUQING_REPLY_DAYS'),
      maxReplyDays: intSetting(env.YUQING_MAX_REPLY_DAYS, 5, 'YUQING_MAX_REPLY_DAYS'),
      remindHours: intSetting(env.YUQING_REMIND_HOURS, 12, 'YUQING_REMIND_HOURS'),
      timeZone: timeZoneSetting(env.YUQING_TIME_ZONE),
      holidays: new HolidayCalendar(),
    },
    board: {
      powBits: boardPowBits(env.YUQING_BOARD_POW_BITS),
      perHour: intSetting(env.YUQING_BOARD_PER_HOUR, 5, 'YUQING_BOARD_PER_HOUR'),
      perDay: intSetting(env.YUQING_BOARD_PER_DAY, 20, 'YUQING_BOARD_PER_DAY'),
      requestsPerMinute: intSetting(env.YUQING_BOARD_RATE, 10, 'YUQING_BOARD_RATE'),
    },
    backup: {
      dir: resolve(env.YUQING_BACKUP_DIR || resolve(dataDir, 'backups')),
      keep: backupKeep(env.YUQING_BACKUP_KEEP),
      key: backupKey(env.YUQING_BACKUP_KEY),
    },
  };
}

/** The shortest YUQING_BACKUP_KEY accepted. */
export const MIN_BACKUP_KEY_LENGTH = 16;

function backupKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if ([...value].length < MIN_BACKUP_KEY_LENGTH)
    throw new Error(
      `YUQING_BACKUP_KEY must be at least ${MIN_BACKUP_KEY_LENGTH} characters (a passphrase kept apart from the backups)`,
    );
  return value;
}

function backupKeep(value: string | undefined): number {
  if (value === undefined || value === '') return 14;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3650) {
    throw new Error('YUQING_BACKUP_KEEP must be an integer from 0 (no automatic backup) to 3650');
  }
  return n;
}

function dayCounting(value: string | undefined): DeadlinePolicy['counting'] {
  if (value === undefined || value === '' || value === 'calendar') return 'calendar';
  if (value === 'working') return 'working';
  throw new Error('YUQING_DAY_COUNTING must be calendar or working');
}

function boardPowBits(value: string | undefined): number {
  if (value === undefined || value === '') return 16;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 28) {
    throw new Error('YUQING_BOARD_POW_BITS must be an integer from 0 to 28');
  }
  return n;
}

/** An IANA time zone that this Node knows (an unknown one would fail at the first date shown). */
function timeZoneSetting(value: string | undefined): string {
  if (value === undefined || value === '') return 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new Error(
      `YUQING_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not ${value}`,
    );
  }
  return value;
}

function trustProxySetting(value: string | undefined): false | number | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (/^[0-9A-Fa-f.:/, ]+$/.test(text)) return text;
  throw new Error(
    'YUQING_TRUST_PROXY must be 0, the number of proxies in front (1 for one reverse proxy), or their addresses (10.0.0.2,10.0.0.3 or 10.0.0.0/24)',
  );
}

function intSetting(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}
