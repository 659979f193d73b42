/** A 64-bit SimHash as two unsigned 32-bit halves: bit arithmetic stays in plain numbers. */
export interface SimHash {
  hi: number;
  lo: number;
}

/** Posts this close (differing bits out of 64) are near-duplicates. */
export const NEAR_DUPLICATE_DISTANCE = 3;

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that similar words do not give similar bit patterns.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** SimHash of a token list, each token weighted by how often it occurs. */
export function simhash64(tokens: readonly string[]): SimHash {
  const weights = new Map<string, number>();
  for (const t of tokens) weights.set(t, (weights.get(t) ?? 0) + 1);
  const v = new Float64Array(64);
  for (const [token, w] of weights) {
    const hi = fnv1a(token, 0x811c9dc5);
    const lo = fnv1a(token, 0x9747b28c);
    for (let bit = 0; bit < 32; bit++) {
      v[bit + 32] = (v[bit + 32] ?? 0) + ((hi >>> bit) & 1 ? w : -w);
      v[bit] = (v[bit] ?? 0) + ((lo >>> bit) & 1 ? w : -w);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((v[bit + 32] ?? 0) > 0) hi |= 1 << bit;
    if ((v[bit] ?? 0) > 0) lo |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function popcount32(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hammingDistance(a: SimHash, b: SimHash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/**
 * The four 16-bit bands, each encoded as band * 65536 + value so one integer array (with a GIN
 * index) holds them: two hashes within distance 3 agree on at least one band.
 */
export function simhashBands(h: SimHash): number[] {
  return [h.lo & 0xffff, h.lo >>> 16, h.hi & 0xffff, h.hi >>> 16].map((v, i) => i * 65536 + v);
}

/** As a signed 64-bit decimal string, the form PostgreSQL's bigint takes. */
export function simhashToSql(h: SimHash): string {
  return BigInt.asIntN(64, (BigInt(h.hi) << 32n) | BigInt(h.lo)).toString();
}

export function simhashFromSql(text: string): SimHash {
  const u = BigInt.asUintN(64, BigInt(text));
  return { hi: Number(u >> 32n), lo: Number(u & 0xffffffffn) };
}
