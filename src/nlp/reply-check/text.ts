/** Text handling shared by the reply-check features: normalising, n-grams, codes and numbers. */

const NON_WORD = /[^\p{L}\p{N}]+/gu;
// Masked user ids (网友"UU008267") say who wrote, not what about: the message never contains them.
const USER_ID = /UU\d+/gi;

/** NFKC (full-width digits and letters to ASCII), masked user ids removed. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(USER_ID, ' ');
}

/** The runs of letters and digits of a text, lower-cased (n-grams never cross punctuation). */
export function runs(text: string): string[] {
  return normalise(text).toLowerCase().replace(NON_WORD, ' ').split(' ').filter(Boolean);
}

/** Character n-grams (UTF-16 code units) of each run, every occurrence. */
export function charGrams(parts: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (const p of parts) for (let i = 0; i + n <= p.length; i++) out.push(p.slice(i, i + n));
  return out;
}

/** Term counts of a list of terms. */
export function counts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

// Masked place codes of the data (A市, A3区, B2县) and real administrative names ending the same way.
const PLACE_CODE = /[A-Z]\d{0,3}(?:市|区|县|州|镇|乡)/g;
// Named places and bodies: a few characters before a place or organisation suffix.
const NAMED_PLACE =
  /[\p{Script=Han}A-Za-z0-9]{2,6}?(?:路|街|大道|巷|社区|小区|村|组|镇|乡|街道|花园|广场|公园|学校|小学|中学|医院|公司|大厦|市场|楼盘)/gu;

/** The place codes a text names (A市, A3区 …), de-duplicated. */
export function placeCodes(text: string): Set<string> {
  return new Set(normalise(text).toUpperCase().match(PLACE_CODE) ?? []);
}

/** Named places and bodies (…路, …社区, …村, …公司), de-duplicated; a rough, greedy match. */
export function namedPlaces(text: string): Set<string> {
  return new Set(normalise(text).match(NAMED_PLACE) ?? []);
}

// Figures worth matching: two or more digits (years, amounts, house and road numbers), or a
// digit with a unit; single digits (1、2、) are list numbering.
const NUMBER = /\d+(?:\.\d+)?/g;

/** The numbers a text mentions (two digits or more), de-duplicated. */
export function numbers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalise(text).match(NUMBER) ?? []) if (m.length >= 2) out.add(m);
  return out;
}
