import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { unitAliases } from '../modules/analysis/routing/suggest-units.js';
import { loadOrgName } from '../modules/cases/documents/case-record.js';

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
  /** The active units' names, as registered and as citizens write them (青石村 for 青石村村委会). */
  units: string[];
  /** The township's own name (本级名称), when set: every place of the jurisdiction is in it. */
  township: string | null;
}

/**
 * The managed dictionary: jurisdiction_terms plus the names of the active units, as registered
 * and as citizens write them (柳塘村村委会 is 柳塘村 in a post), and the township's own name
 * (本级名称, 青山镇).
 */
export async function loadDictionary(db: Kysely<DB>): Promise<JurisdictionDictionary> {
  const [terms, units, orgName] = await Promise.all([
    db.selectFrom('jurisdiction_terms').select(['term', 'kind']).execute(),
    db.selectFrom('units').select('name').where('active', '=', true).execute(),
    loadOrgName(db),
  ]);
  const unitAliasNames = units.flatMap((u) => unitAliases(u.name.trim())).filter(Boolean);
  const unitNames = [...unitAliasNames, ...(orgName ? [orgName.trim()] : [])].filter(Boolean);
  return {
    terms: [...new Set([...terms.map((t) => t.term), ...unitNames])],
    judges: terms.length > 0,
    userWords: [
      ...new Set([...terms.filter((t) => t.kind !== 'keyword').map((t) => t.term), ...unitNames]),
    ],
    places: [...new Set(terms.filter((t) => t.kind === 'place').map((t) => t.term))],
    units: [...new Set(unitAliasNames)],
    township: orgName?.trim() || null,
  };
}
