import { sha256 } from './sha256';
import { getChallenge } from './board.api';

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

const BATCH = 256;

/**
 * Finds a nonce whose sha256(`${id}:${nonce}`) has `difficulty` leading zero bits, in small
 * batches that give the page back between them, so it never freezes. `onProgress` gets the
 * chance that a solution would have been found by now (0…1).
 */
export async function solveChallenge(
  id: string,
  difficulty: number,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const encoder = new TextEncoder();
  // Only secure contexts (HTTPS, localhost) have crypto.subtle; plain HTTP falls back to JS.
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  const expected = 2 ** difficulty;
  let lastBreak = performance.now();
  for (let start = 0; ; start += BATCH) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const inputs = Array.from({ length: BATCH }, (_, i) => encoder.encode(`${id}:${start + i}`));
    const digests = subtle
      ? (await Promise.all(inputs.map((input) => subtle.digest('SHA-256', input)))).map(
          (d) => new Uint8Array(d),
        )
      : inputs.map(sha256);
    const hit = digests.findIndex((d) => leadingZeroBits(d) >= difficulty);
    if (hit >= 0) {
      onProgress(1);
      return String(start + hit);
    }
    onProgress(1 - Math.exp(-(start + BATCH) / expected));
    if (performance.now() - lastBreak > 40) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastBreak = performance.now();
    }
  }
}

/**
 * The proof a board form sends with its request: a fresh challenge from the server, solved here
 * in small steps (progress 0..1), abandoned when the signal aborts.
 */
export async function proveWork(
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ challengeId: string; nonce: string }> {
  const challenge = await getChallenge();
  const nonce = await solveChallenge(challenge.id, challenge.difficulty, onProgress, signal);
  return { challengeId: challenge.id, nonce };
}
