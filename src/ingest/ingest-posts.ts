import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AppContext } from '../server/context.js';
import { ANALYSERS, runAnalysers, type PostAnalyser, type StoredPost } from './analysis-hook.js';
import { canonicalUrl } from './canonical-url.js';
import { loadDictionary, type JurisdictionDictionary } from './dictionary.js';
import { normalise } from './normalise.js';
import { relevance } from './relevance.js';
import { searchDocument, segmenter, type Segmenter } from './segment.js';
import {
  hammingDistance,
  NEAR_DUPLICATE_DISTANCE,
  simhash64,
  simhashBands,
  simhashFromSql,
  simhashToSql,
  type SimHash,
} from './simhash.js';

/** A post as a source hands it over, before any stage has run. */
export interface IncomingPost {
  externalId?: string | number | null;
  title?: string | null;
  body: string;
  postedAt?: Date | string | null;
  url?: string | null;
  author?: string | null;
  likes?: number | null;
  dislikes?: number | null;
}

export interface IngestReport {
  /** Stored as originals. */
  new: number;
  /** Same canonical URL as a stored post: not stored again. */
  duplicateUrl: number;
  /** Same normalised text as a stored post: not stored again. */
  duplicateText: number;
  /** Stored, linked to the original by duplicate_of. */
  nearDuplicate: number;
  /** Nothing left after normalisation: not stored. */
  empty: number;
  /** With `completeTitleOnly`: stored posts that had only their title and now have their body. */
  completed: number;
}

/** The counts, and with `outcomes: true` what became of each incoming post, in the order given. */
export type IngestResult = IngestReport & { outcomes?: IngestOutcome[] };

/** What became of one incoming post; `postId` is the stored post, or the one it duplicates. */
export type IngestOutcome =
  | { kind: 'new'; postId: number }
  | { kind: 'duplicateUrl'; postId: number }
  | { kind: 'duplicateText'; postId: number }
  | { kind: 'nearDuplicate'; postId: number; duplicateOf: number }
  | { kind: 'empty' };

export interface IngestOptions {
  /** 'import:tipdm', later a source's id. */
  sourceKey: string;
  /** The human name shown as the post's source; the key when absent. */
  sourceName?: string;
  batchSize?: number;
  /** Report each post's outcome (manual entry and file import show them row by row). */
  outcomes?: boolean;
  /** Analysis run on every stored batch; ANALYSERS by default. */
  analysers?: readonly PostAnalyser[];
  /**
   * A post of this source stored with only its title (its body was not found) gets the body of a
   * post with the same URL, instead of that post counting as a duplicate. A source's run sets it:
   * a detail page whose body selector matched nothing is read again once the selector is fixed.
   */
  completeTitleOnly?: boolean;
}

interface Prepared {
  externalId: string | null;
  title: string | null;
  body: string;
  postedAt: Date;
  author: string | null;
  canonicalUrl: string | null;
  url: string | null;
  contentHash: string;
  simhash: SimHash;
  bands: number[];
  segmented: string;
  /** What the search index is made of (searchDocument). */
  searchable: string;
  relevant: boolean;
  relevanceTerms: string[];
  likes: number | null;
  dislikes: number | null;
  /** No body came with it: the title stands in for it. */
  titleOnly: boolean;
}

/** Every stage that needs no database: normalise, canonical URL, hash, segment, SimHash, relevance. */
export function preparePost(
  post: IncomingPost,
  seg: Segmenter,
  dictionary: Pick<JurisdictionDictionary, 'terms' | 'judges'>,
  now: Date,
): Prepared | null {
  const title = normalise(post.title ?? '') || null;
  const body = normalise(post.body);
  if (!body && !title) return null;
  const text = title ? `${title}\n${body}` : body;
  const words = seg.words(text);
  const simhash = simhash64(words);
  const rel = relevance(text, dictionary.terms, dictionary.judges);
  const posted = post.postedAt ? new Date(post.postedAt) : now;
  // PostgreSQL refuses U+0000 in text: a source's link or id with one would fail its whole batch.
  const url = post.url?.replaceAll('\u0000', '').trim() || null;
  return {
    externalId:
      post.externalId === undefined || post.externalId === null
        ? null
        : String(post.externalId).replaceAll('\u0000', ''),
    title,
    body: body || (title ?? ''),
    postedAt: Number.isNaN(posted.getTime()) ? now : posted,
    author: normalise(post.author ?? '') || null,
    canonicalUrl: canonicalUrl(url),
    url,
    contentHash: createHash('sha256').update(text).digest('hex'),
    simhash,
    bands: simhashBands(simhash),
    segmented: words.join(' '),
    searchable: searchDocument(words.join(' '), text),
    relevant: rel.relevant,
    relevanceTerms: rel.terms,
    likes: post.likes ?? null,
    dislikes: post.dislikes ?? null,
    titleOnly: !body,
  };
}

const INGEST_LOCK = 7_405_001;

/**
 * The post pipeline: each batch is prepared in memory, then deduplicated against the database and
 * stored in one transaction. Exact duplicates (URL, text) are counted and not stored again;
 * near-duplicates are stored and linked to their original. Batches from concurrent ingests are
 * serialised by an advisory lock so two never both store the same post.
 */
export async function ingestPosts(
  ctx: AppContext,
  posts: readonly IncomingPost[],
  options: IngestOptions,
): Promise<IngestResult> {
  const report: IngestResult = {
    new: 0,
    duplicateUrl: 0,
    duplicateText: 0,
    nearDuplicate: 0,
    empty: 0,
    completed: 0,
  };
  const dictionary = await loadDictionary(ctx.db);
  const seg = segmenter(dictionary.userWords);
  const batchSize = options.batchSize ?? 1000;
  const outcomes: IngestOutcome[] | null = options.outcomes ? [] : null;
  // While one batch is being stored, the next is prepared: on a PostgreSQL server the database
  // works in its own process meanwhile. Preparing yields now and then so the storing batch's
  // round trips go on; batches are still stored one after the other, so dedup sees every earlier one.
  let storing: Promise<Error | null> | null = null;
  const settle = async () => {
    const failure = await storing;
    storing = null;
    if (failure !== null) throw failure;
  };
  for (let start = 0; start < posts.length; start += batchSize) {
    const now = ctx.clock.now();
    const prepared: Prepared[] = [];
    const positions: number[] = [];
    const batch = posts.slice(start, start + batchSize);
    for (const [i, post] of batch.entries()) {
      const p = preparePost(post, seg, dictionary, now);
      if (p) {
        prepared.push(p);
        positions.push(start + i);
      } else {
        report.empty++;
        if (outcomes) outcomes[start + i] = { kind: 'empty' };
      }
      if (storing && i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    if (storing) await settle();
    if (prepared.length === 0) continue;
    storing = (async () => {
      const {
        outcomes: batchOutcomes,
        stored,
        completed,
      } = await storeBatch(ctx, prepared, options, now, report);
      const analysers = options.analysers ?? ANALYSERS;
      await runAnalysers(ctx, analysers, stored);
      await runAnalysers(
        ctx,
        analysers.filter((a) => a.rerunsOnChange),
        completed,
      );
      if (outcomes) {
        batchOutcomes.forEach((o, i) => {
          outcomes[positions[i] ?? -1] = o;
        });
      }
    })().then(
      () => null,
      // Kept, not thrown, until it is awaited: a rejection nobody awaits yet would crash Node.
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
  }
  if (storing) await settle();
  if (outcomes) report.outcomes = outcomes;
  return report;
}

async function storeBatch(
  ctx: AppContext,
  batch: Prepared[],
  options: IngestOptions,
  now: Date,
  report: IngestReport,
): Promise<{ outcomes: IngestOutcome[]; stored: StoredPost[]; completed: StoredPost[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(trx);
    const urls = [...new Set(batch.flatMap((p) => (p.canonicalUrl ? [p.canonicalUrl] : [])))];
    const hashes = [...new Set(batch.map((p) => p.contentHash))];
    const bands = [...new Set(batch.flatMap((p) => p.bands))];
    const [urlRows, hashRows, candidateRows] = await Promise.all([
      urls.length
        ? trx
            .selectFrom('posts')
            .select(['id', 'canonical_url', 'title', 'body', 'source_key'])
            .where('canonical_url', 'in', urls)
            .execute()
        : Promise.resolve([]),
      trx
        .selectFrom('posts')
        .select(['id', 'content_hash'])
        .where('content_hash', 'in', hashes)
        .execute(),
      // Only originals: a near-duplicate links to the first post of its kind, never to a copy.
      trx
        .selectFrom('posts')
        .select(['id', sql<string>`simhash::text`.as('simhash'), 'simhash_bands'])
        .where(sql<boolean>`simhash_bands && ${sql.val(bands)}::integer[]`)
        .where('duplicate_of', 'is', null)
        .execute(),
    ]);
    // Stored posts by id, this batch's by position among those stored (ids come later).
    type Ref = { id: number } | { index: number };
    const seenUrls = new Map<string, Ref>();
    for (const r of urlRows) if (r.canonical_url) seenUrls.set(r.canonical_url, { id: r.id });
    // Stored with only their title (body = title) by this same source: completed, not skipped.
    const completable = new Set(
      options.completeTitleOnly
        ? urlRows
            .filter((r) => r.source_key === options.sourceKey && r.title !== null)
            .filter((r) => r.body === r.title)
            .map((r) => r.id)
        : [],
    );
    // Except the message of an archived case: its file is closed as it was read then.
    if (completable.size > 0) {
      const archived = await trx
        .selectFrom('cases')
        .select('post_id')
        .where('post_id', 'in', [...completable])
        .where('state', '=', 'archived')
        .execute();
      for (const r of archived) completable.delete(Number(r.post_id));
    }
    const seenHashes = new Map<string, Ref>();
    for (const r of hashRows) if (r.content_hash) seenHashes.set(r.content_hash, { id: r.id });
    // Band -> originals sharing it.
    type Original = { ref: Ref; simhash: SimHash };
    const byBand = new Map<number, Original[]>();
    const addOriginal = (o: Original, keys: readonly number[]) => {
      for (const band of keys) {
        const list = byBand.get(band);
        if (list) list.push(o);
        else byBand.set(band, [o]);
      }
    };
    for (const r of candidateRows) {
      if (r.simhash === null || r.simhash_bands === null) continue;
      addOriginal({ ref: { id: r.id }, simhash: simhashFromSql(r.simhash) }, r.simhash_bands);
    }

    const stored: { p: Prepared; duplicateOf: Original['ref'] | null }[] = [];
    const completions: { id: number; p: Prepared; duplicateOf: Original['ref'] | null }[] = [];
    const nearest = (p: Prepared, self: number | null): Original['ref'] | null => {
      let best: { ref: Original['ref']; distance: number } | null = null;
      for (const band of p.bands) {
        for (const o of byBand.get(band) ?? []) {
          if ('id' in o.ref && o.ref.id === self) continue;
          const distance = hammingDistance(p.simhash, o.simhash);
          if (distance <= NEAR_DUPLICATE_DISTANCE && (!best || distance < best.distance)) {
            best = { ref: o.ref, distance };
          }
        }
      }
      return best?.ref ?? null;
    };
    // Per post of the batch: the kind of outcome and the post it refers to.
    const pending: {
      kind: 'new' | 'duplicateUrl' | 'duplicateText' | 'nearDuplicate';
      ref: Ref;
    }[] = [];
    for (const p of batch) {
      const sameUrl = p.canonicalUrl ? seenUrls.get(p.canonicalUrl) : undefined;
      if (sameUrl && 'id' in sameUrl && completable.has(sameUrl.id) && !p.titleOnly) {
        completable.delete(sameUrl.id);
        report.completed++;
        seenHashes.set(p.contentHash, sameUrl);
        completions.push({ id: sameUrl.id, p, duplicateOf: nearest(p, sameUrl.id) });
        pending.push({ kind: 'duplicateUrl', ref: sameUrl });
        continue;
      }
      if (sameUrl) {
        report.duplicateUrl++;
        pending.push({ kind: 'duplicateUrl', ref: sameUrl });
        continue;
      }
      const sameText = seenHashes.get(p.contentHash);
      if (sameText) {
        report.duplicateText++;
        pending.push({ kind: 'duplicateText', ref: sameText });
        continue;
      }
      const self: Ref = { index: stored.length };
      if (p.canonicalUrl) seenUrls.set(p.canonicalUrl, self);
      seenHashes.set(p.contentHash, self);
      const best = nearest(p, null);
      if (best) {
        report.nearDuplicate++;
        pending.push({ kind: 'nearDuplicate', ref: self });
      } else {
        report.new++;
        pending.push({ kind: 'new', ref: self });
        addOriginal({ ref: self, simhash: p.simhash }, p.bands);
      }
      stored.push({ p, duplicateOf: best });
    }
    const outcomes = (): IngestOutcome[] =>
      pending.map(({ kind, ref }) => {
        const postId = 'id' in ref ? ref.id : idAt(ref.index);
        if (kind !== 'nearDuplicate') return { kind, postId };
        const original = stored['index' in ref ? ref.index : -1]?.duplicateOf;
        return {
          kind,
          postId,
          duplicateOf: !original ? 0 : 'id' in original ? original.id : idAt(original.index),
        };
      });
    let ids: { rows: { id: number }[] } = { rows: [] };
    const idAt = (i: number): number => {
      const row = ids.rows[i];
      if (!row) throw new Error('id allocation returned too few rows');
      return Number(row.id);
    };
    if (stored.length === 0) {
      return {
        outcomes: outcomes(),
        stored: [],
        completed: await complete(trx, completions, idAt),
      };
    }

    // Ids first, so a near-duplicate can point at an original stored in the same batch.
    ids = await sql<{ id: number }>`
      select nextval(pg_get_serial_sequence('posts', 'id')) as id
      from generate_series(1, ${stored.length})`.execute(trx);
    const source = options.sourceName ?? options.sourceKey;
    await trx
      .insertInto('posts')
      .values(
        stored.map(({ p, duplicateOf }, i) => ({
          id: idAt(i),
          source,
          source_key: options.sourceKey,
          external_id: p.externalId,
          url: p.url,
          canonical_url: p.canonicalUrl,
          author: p.author,
          posted_at: p.postedAt,
          title: p.title,
          body: p.body,
          contact: null,
          created_at: now,
          content_hash: p.contentHash,
          simhash: simhashToSql(p.simhash),
          simhash_bands: p.bands,
          duplicate_of:
            duplicateOf === null
              ? null
              : 'id' in duplicateOf
                ? duplicateOf.id
                : idAt(duplicateOf.index),
          duplicate_kind: duplicateOf === null ? null : ('near' as const),
          relevant: p.relevant,
          relevance_terms: p.relevanceTerms,
          segmented: p.segmented,
          search: sql<string>`to_tsvector('simple', ${p.searchable})`,
          likes: p.likes,
          dislikes: p.dislikes,
        })),
      )
      .execute();
    return {
      outcomes: outcomes(),
      completed: await complete(trx, completions, idAt),
      stored: stored.map(({ p, duplicateOf }, i) => ({
        id: idAt(i),
        sourceKey: options.sourceKey,
        title: p.title,
        body: p.body,
        postedAt: p.postedAt,
        words: p.segmented ? p.segmented.split(' ') : [],
        relevant: p.relevant,
        duplicateOf:
          duplicateOf === null
            ? null
            : 'id' in duplicateOf
              ? duplicateOf.id
              : idAt(duplicateOf.index),
        likes: p.likes,
      })),
    };
  });
}

/**
 * Posts stored with only their title get the body read now, with everything made of the text
 * (hash, SimHash, words, search, relevance); one that is now a near-duplicate is linked to its
 * original, unless other posts already link to it as theirs.
 */
async function complete(
  trx: Transaction<DB>,
  completions: readonly {
    id: number;
    p: Prepared;
    duplicateOf: { id: number } | { index: number } | null;
  }[],
  idAt: (index: number) => number,
): Promise<StoredPost[]> {
  if (completions.length === 0) return [];
  const originals = new Set(
    (
      await trx
        .selectFrom('posts')
        .select('duplicate_of')
        .where(
          'duplicate_of',
          'in',
          completions.map((c) => c.id),
        )
        .execute()
    ).map((r) => Number(r.duplicate_of)),
  );
  const done: StoredPost[] = [];
  for (const { id, p, duplicateOf } of completions) {
    const original =
      originals.has(id) || duplicateOf === null
        ? null
        : 'id' in duplicateOf
          ? duplicateOf.id
          : idAt(duplicateOf.index);
    const row = await trx
      .updateTable('posts')
      .set({
        body: p.body,
        content_hash: p.contentHash,
        simhash: simhashToSql(p.simhash),
        simhash_bands: p.bands,
        segmented: p.segmented,
        search: sql<string>`to_tsvector('simple', ${p.searchable})`,
        relevant: p.relevant,
        relevance_terms: p.relevanceTerms,
        duplicate_of: original,
        duplicate_kind: original === null ? null : 'near',
      })
      .where('id', '=', id)
      .returning(['source_key', 'title', 'posted_at', 'likes'])
      .executeTakeFirstOrThrow();
    done.push({
      id,
      sourceKey: row.source_key ?? '',
      title: row.title,
      body: p.body,
      postedAt: row.posted_at,
      words: p.segmented ? p.segmented.split(' ') : [],
      relevant: p.relevant,
      duplicateOf: original,
      likes: row.likes,
    });
  }
  return done;
}
