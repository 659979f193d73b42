import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solve, solves } from './proof-of-work.js';

describe('proof of work', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00]))).toBe(16);
  });

  it('accepts a solved nonce and only one with enough zero bits', () => {
    const nonce = solve('abc', 10);
    const digest = createHash('sha256').update(`abc:${nonce}`).digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(10);
    expect(solves('abc', nonce, 10)).toBe(true);
    expect(solves('abd', nonce, 10) && solves('abe', nonce, 10)).toBe(false);
  });
});
