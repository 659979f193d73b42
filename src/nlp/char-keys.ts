/**
 * What the fast vectorisers of the category and sentiment models share: which UTF-16 code units
 * are part of a word (what flatten() in category/features.ts keeps), and an open-addressing table
 * from integer feature keys to feature indices. A key is a code unit c, or c1 · 65536 + c2 for a
 * bigram, plus 2^32 times a kind the caller chooses; looking up integers instead of hashing a fresh
 * string per feature is what makes the models fast.
 */

const WORD = /^[\p{L}\p{N}]$/u;
// Whether each BMP code unit is a letter or digit.
const WORD_UNIT = new Uint8Array(65536);
for (let c = 0; c < 65536; c++)
  if (c < 0xd800 || c > 0xdfff) WORD_UNIT[c] = WORD.test(String.fromCharCode(c)) ? 1 : 0;

/** Whether code unit c at j of text is part of a word; a surrogate pair counts as its code point. */
export function isWordUnit(text: string, j: number, c: number): boolean {
  if (c < 0xd800 || c > 0xdfff) return WORD_UNIT[c] === 1;
  const cp = text.codePointAt(c < 0xdc00 ? j : j - 1) ?? 0;
  return cp > 0xffff && WORD.test(String.fromCodePoint(cp));
}

/** The multiplier of a key's kind: keys of one code unit pair stay below it. */
export const KIND = 2 ** 32;
const EMPTY = -1;

const hash = (key: number, bits: number) => {
  const low = key % KIND;
  const kind = (key - low) / KIND;
  return (
    Math.imul((low ^ (low >>> 15) ^ Math.imul(kind, 0x27d4eb2d)) | 0, 0x9e3779b1) >>> (32 - bits)
  );
};

/**
 * A lookup from `size` (or fewer) integer keys to their indices, at most half full; the returned
 * function gives -1 for a key not in the table. Keys below 2^53 are held exactly.
 */
export function keyTable(entries: Iterable<[key: number, index: number]>, size: number) {
  let bits = 4;
  while (1 << bits < size * 2) bits++;
  const mask = (1 << bits) - 1;
  const keys = new Float64Array(1 << bits).fill(EMPTY);
  const slots = new Int32Array(1 << bits);
  for (const [key, index] of entries) {
    let h = hash(key, bits);
    while (keys[h] !== EMPTY) h = (h + 1) & mask;
    keys[h] = key;
    slots[h] = index;
  }
  return (key: number): number => {
    let h = hash(key, bits);
    for (;;) {
      const k = keys[h] as number;
      if (k === key) return slots[h] as number;
      if (k === EMPTY) return -1;
      h = (h + 1) & mask;
    }
  };
}
