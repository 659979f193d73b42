import { RARE_IDF, type IdfTable, type TextGrams } from './features.js';
import { runs } from './text.js';

const MAX_PHRASE = 12;
// Long digit runs (phone, id and account numbers: 13812345678, 0571-12345678) say nothing about
// what a reply is about: a message's phrases are cut at them, and a phrase needs a Han character.
const LONG_NUMBER = /\d{5,}/gu;
const HAN = /\p{Script=Han}/u;

/**
 * The phrases of the message that the reply repeats and that are specific to it (holding a
 * trigram rarer than RARE_IDF): runs of the message whose every trigram the reply also has, the
 * most specific first. What a leader reads as "the reply takes up 幸福路南段, 路灯". Numbers
 * alone (a phone number the message and the reply happen to share) are no such phrase.
 */
export function sharedPhrases(
  message: string,
  reply: TextGrams,
  idf: IdfTable,
  limit = 3,
): string[] {
  const replyTrigrams = reply.grams.get(3) as Map<string, number>;
  const found = new Map<string, number>();
  for (const part of runs(message).flatMap((r) => r.split(LONG_NUMBER))) {
    let i = 0;
    while (i + 3 <= part.length) {
      if (!replyTrigrams.has(part.slice(i, i + 3))) {
        i++;
        continue;
      }
      let end = i + 3;
      let weight = 0;
      let rarest = 0;
      for (let k = i; k + 3 <= part.length && replyTrigrams.has(part.slice(k, k + 3)); k++) {
        const w = idf.idf.get(part.slice(k, k + 3)) ?? idf.unseen;
        weight += w;
        rarest = Math.max(rarest, w);
        end = k + 3;
      }
      const phrase = part.slice(i, Math.min(end, i + MAX_PHRASE));
      if (rarest >= RARE_IDF && HAN.test(phrase) && weight > (found.get(phrase) ?? 0))
        found.set(phrase, weight);
      i = end;
    }
  }
  const phrases = [...found].sort((a, b) => b[1] - a[1]).map(([p]) => p);
  // A phrase inside a longer one already listed says nothing new.
  return phrases.filter((p, k) => !phrases.slice(0, k).some((q) => q.includes(p))).slice(0, limit);
}
