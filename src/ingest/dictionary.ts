import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface JurisdictionDictionary {
  /** Every term that makes a post relevant. */
  terms: string[];
  /**
   * Whether posts are judged by it at all: only once the township has entered place names or
   * keywords. Unit names alone (城建办, 综治办) are rarely in a citizen's post, so with them only
   * a new installation judged nearly every post outside its jurisdiction and 舆情信息 stayed empty.
   */
  judges: boolean;
  /** Local names for the segmenter: place and unit names. */
  userWords: string[];
  /** The jurisdiction's own place names (kind place). */
  places: string[];
}

/** The managed dictionary: jurisdiction_terms plus the names of the active units. */
export async function loadDictionary(db: Kysely<DB>): Promise<JurisdictionDictionary> {
  const [terms, units] = await Promise.all([
    db.selectFrom('jurisdiction_terms').select(['term', 'kind']).execute(),
    db.selectFrom('units').select('name').where('active', '=', true).execute(),
  ]);
  const unitNames = units.map((u) => u.name.trim()).filter(Boolean);
  return {
    terms: [...new Set([...terms.map((t) => t.term), ...unitNames])],
    judges: terms.length > 0,
    userWords: [
      ...new Set([...terms.filter((t) => t.kind !== 'keyword').map((t) => t.term), ...unitNames]),
    ],
    places: [...new Set(terms.filter((t) => t.kind === 'place').map((t) => t.term))],
  };
}
