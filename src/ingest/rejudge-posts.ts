import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AppContext } from '../server/context.js';
import { loadDictionary } from './dictionary.js';
import { normalise } from './normalise.js';
import { relevance } from './relevance.js';
import { searchDocument, segmenter } from './segment.js';

/**
 * When the jurisdiction dictionary changes, the posts already stored are judged again (relevant or
 * not, and by which terms) and segmented again, so that a new place name is one word in old posts
 * as in new ones and a search for it finds both. A job does it in chunks, resumably: the state is
 * a settings row that the dictionary change resets in its own transaction.
 */
const STATE_KEY = 'posts.rejudge';
const CHUNK = 500;

interface RejudgeState {
  /** Bumped by every dictionary change. */
  version: number;
  /** The highest post id judged under `version`. */
  cursor: number;
  /** The last version every post was judged under. */
  done: number;
}

function parseState(value: unknown): RejudgeState {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<RejudgeState> | null;
  return { version: v?.version ?? 0, cursor: v?.cursor ?? 0, done: v?.done ?? 0 };
}

/** Called in the transaction that changes the dictionary. */
export async function dictionaryChanged(trx: Transaction<DB>, now: Date): Promise<void> {
  const row = await trx
    .selectFrom('settings')
    .select('value')
    .where('key', '=', STATE_KEY)
    .forUpdate()
    .executeTakeFirst();
  const state = parseState(row?.value ?? null);
  const value = JSON.stringify({ ...state, version: state.version + 1, cursor: 0 });
  await trx
    .insertInto('settings')
    .values({ key: STATE_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** How far the re-judging is, for the dictionary page. */
export async function rejudgeProgress(
  db: Kysely<DB>,
): Promise<{ pending: boolean; judgedUpTo: number }> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', STATE_KEY)
    .executeTakeFirst();
  const state = parseState(row?.value ?? null);
  return { pending: state.done < state.version, judgedUpTo: state.cursor };
}

/**
 * Judges the next chunk of posts under the current dictionary. Returns false when there is
 * nothing (left) to do, or when another worker holds the state row.
 */
export async function rejudgeChunk(ctx: AppContext): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', STATE_KEY)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) return false;
    const state = parseState(row.value);
    if (state.done >= state.version) return false;
    const dictionary = await loadDictionary(trx);
    const seg = segmenter(dictionary.userWords);
    // The board's messages are written to the township: relevant whatever they name, and only
    // segmented and indexed again.
    const board = new Set(
      (await trx.selectFrom('sources').select('id').where('kind', '=', 'board').execute()).map(
        (s) => `source:${s.id}`,
      ),
    );
    const posts = await trx
      .selectFrom('posts')
      .select(['id', 'title', 'body', 'source_key', 'relevant', 'relevance_terms'])
      .where('id', '>', state.cursor)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (posts.length > 0) {
      const judged = posts.map((p) => {
        const title = normalise(p.title ?? '');
        const text = title ? `${title}\n${normalise(p.body)}` : normalise(p.body);
        let rel = relevance(text, dictionary.terms, dictionary.judges);
        if (p.source_key !== null && board.has(p.source_key)) {
          rel = { relevant: p.relevant, terms: p.relevance_terms };
        } else if (p.source_key === null) {
          // Registered by hand before monitoring existed (migration 0005 kept them relevant): a
          // case a monitor took in is the township's business, whatever place it names. Judging
          // them by a dictionary that did not exist then hid an upgraded township's old cases
          // from 舆情信息, 舆情态势 and the reports. The terms found still feed the places chart.
          rel = { relevant: p.relevant, terms: rel.terms };
        }
        const segmented = seg.words(text).join(' ');
        return {
          id: p.id,
          relevant: rel.relevant,
          terms: rel.terms,
          segmented,
          searchable: searchDocument(segmented, text),
        };
      });
      await sql`
        update posts p
        set relevant = v.relevant, relevance_terms = v.terms, segmented = v.segmented,
          search = to_tsvector('simple', v.searchable)
        from jsonb_to_recordset(${JSON.stringify(judged)}::jsonb)
          as v(id bigint, relevant boolean, terms text[], segmented text, searchable text)
        where p.id = v.id`.execute(trx);
    }
    const last = posts.at(-1)?.id ?? state.cursor;
    const finished = posts.length < CHUNK;
    const next: RejudgeState = {
      version: state.version,
      cursor: last,
      done: finished ? state.version : state.done,
    };
    const now = ctx.clock.now();
    await trx
      .updateTable('settings')
      .set({ value: JSON.stringify(next), updated_at: now })
      .where('key', '=', STATE_KEY)
      .execute();
    return !finished;
  });
}
