import { randomInt } from 'node:crypto';
import { ingestPosts } from '../../ingest/ingest-posts.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { addressHash, ensureBoardSource } from './board-source.js';
import { BOARD_LIMITS, type MessageBody, type MessageReceipt } from './board.schemas.js';
import { consumeChallenge } from './proof-of-work.js';

/** 查询码: no I, L, O, 0 or 1, which are easily misread on paper or over the phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const DEFAULT_NICKNAME = '网友';

export function newLookupCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a citizen types back: case, spaces and dashes do not matter. */
export function normaliseLookupCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

const isControl = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return (c < 32 && ch !== '\n' && ch !== '\t') || c === 127;
};

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function dropTags(text: string): string {
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(?:p|div|br|li|tr|h[1-6])\b[^>]*>/gi, '\n')
    .replace(/<\/?[a-zA-Z!][^>]*>/g, '');
}

/**
 * Text only: tags go, also those written as entities, and control characters. Unlike the
 * pipeline's normalisation it keeps the citizen's own characters (full-width punctuation): the
 * message is published as written.
 */
export function stripHtml(raw: string): string {
  const decoded = dropTags(raw).replace(
    /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi,
    (entity, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? entity;
      const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    },
  );
  return [...dropTags(decoded)]
    .filter((ch) => !isControl(ch))
    .join('')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n\s*\n\s*/g, '\n\n')
    .replace(/ *\n */g, '\n')
    .trim();
}

export const charCount = (text: string) => [...text].length;

const PHONE = /^\+?[\d\s()-]{7,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkContact(contact: string): void {
  const digits = contact.replace(/\D/g, '').length;
  if ((PHONE.test(contact) && digits >= 7 && digits <= 20) || EMAIL.test(contact)) return;
  throw new AppError('VALIDATION_FAILED', '联系方式请填写电话号码或电子邮箱，也可以不填');
}

function checkLength(label: string, text: string, min: number, max: number): void {
  const n = charCount(text);
  if (n < min || n > max) {
    const rule = min > 0 ? `应为 ${min}–${max} 个字` : `不能超过 ${max} 个字`;
    throw new AppError('VALIDATION_FAILED', `${label}${rule}（现为 ${n} 个字）`);
  }
}

export function cleanMessage(input: MessageBody): {
  title: string;
  body: string;
  contact: string | null;
  nickname: string;
} {
  const title = stripHtml(input.title).replace(/\s+/g, ' ');
  const body = stripHtml(input.body);
  const contact = stripHtml(input.contact ?? '') || null;
  const nickname = stripHtml(input.nickname ?? '').replace(/\s+/g, ' ') || DEFAULT_NICKNAME;
  checkLength('标题', title, BOARD_LIMITS.title.min, BOARD_LIMITS.title.max);
  checkLength('留言内容', body, BOARD_LIMITS.body.min, BOARD_LIMITS.body.max);
  checkLength('昵称', nickname, 0, BOARD_LIMITS.nickname.max);
  if (contact !== null) {
    checkLength('联系方式', contact, 0, BOARD_LIMITS.contact.max);
    checkContact(contact);
  }
  return { title, body, contact, nickname };
}

async function assertWithinLimits(ctx: AppContext, hash: string, now: Date): Promise<void> {
  const { perHour, perDay } = ctx.config.board;
  const counts = await ctx.db
    .selectFrom('board_messages')
    .select((eb) => [
      eb.fn
        .countAll<string>()
        .filterWhere('created_at', '>', new Date(now.getTime() - 3_600_000))
        .as('hour'),
      eb.fn.countAll<string>().as('day'),
    ])
    .where('address_hash', '=', hash)
    .where('created_at', '>', new Date(now.getTime() - 86_400_000))
    .executeTakeFirstOrThrow();
  if (Number(counts.hour) >= perHour) {
    throw new AppError(
      'RATE_LIMITED',
      `同一网络地址每小时最多留言 ${perHour} 条，请稍后再提交；如有急事请拨打政务服务热线`,
    );
  }
  if (Number(counts.day) >= perDay) {
    throw new AppError(
      'RATE_LIMITED',
      `同一网络地址每天最多留言 ${perDay} 条，请明天再提交；如有急事请拨打政务服务热线`,
    );
  }
}

/**
 * A citizen's message: checked (proof of work, limits per address, lengths), stripped of markup,
 * then run through the post pipeline like every collected post, so that monitors find it on
 * 舆情信息. The contact goes on the post only (never shown publicly); the board keeps the
 * lookup code and a keyed hash of the address.
 */
export async function postMessage({
  ctx,
  input,
  ip,
}: {
  ctx: AppContext;
  input: MessageBody;
  ip: string;
}): Promise<MessageReceipt> {
  const message = cleanMessage(input);
  const now = ctx.clock.now();
  const hash = await addressHash(ctx.db, ctx.clock, ip);
  await assertWithinLimits(ctx, hash, now);
  await consumeChallenge(ctx.db, now, input.challengeId, input.nonce);

  const source = await ensureBoardSource(ctx.db, ctx.clock);
  const sourceKey = `source:${source.id}`;
  let code = newLookupCode();
  while (
    await ctx.db
      .selectFrom('board_messages')
      .select('post_id')
      .where('lookup_code', '=', code)
      .executeTakeFirst()
  ) {
    code = newLookupCode();
  }
  const result = await ingestPosts(
    ctx,
    [
      {
        externalId: code,
        title: message.title,
        body: message.body,
        author: message.nickname,
        postedAt: now,
        url: `/board/m/${code}`,
      },
    ],
    { sourceKey, sourceName: source.name, outcomes: true },
  );
  const outcome = result.outcomes?.[0];
  if (!outcome || outcome.kind === 'empty') {
    throw new AppError('VALIDATION_FAILED', '留言内容不能为空');
  }
  if (outcome.kind === 'duplicateText' || outcome.kind === 'duplicateUrl') {
    return repeated(ctx, outcome.postId);
  }
  const post = { id: outcome.postId };

  await ctx.db.transaction().execute(async (trx) => {
    // Stored as written (the pipeline keeps its normalised text for hashing and search only);
    // written to the township itself, it is about the jurisdiction whatever places it names.
    await trx
      .updateTable('posts')
      .set({
        title: message.title,
        body: message.body,
        contact: message.contact,
        relevant: true,
      })
      .where('id', '=', post.id)
      .execute();
    await trx
      .insertInto('board_messages')
      .values({ post_id: post.id, lookup_code: code, address_hash: hash, created_at: now })
      .execute();
    await recordAudit(trx, ctx.clock, systemActor('网络问政'), {
      action: 'board.message',
      entityType: 'post',
      entityId: post.id,
      summary: `网络问政收到留言（查询码 ${code}）：${message.title.slice(0, 60)}`,
    });
  });
  return { code, duplicate: false };
}

/** The pipeline found the same text already stored: point the citizen to it if it is ours. */
async function repeated(ctx: AppContext, postId: number): Promise<MessageReceipt> {
  const original = await ctx.db
    .selectFrom('board_messages')
    .select('lookup_code')
    .where('post_id', '=', postId)
    .executeTakeFirst();
  return { code: original?.lookup_code ?? null, duplicate: true };
}
