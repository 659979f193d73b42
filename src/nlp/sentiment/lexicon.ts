import { CONSULT, NEGATIVE, NEGATORS, INERT, POSITIVE } from './lexicon-words.js';

/** Characters after a negator within which a lexicon word is turned (不太及时, 没有得到解决). */
const NEGATION_WINDOW = 2;
/** A negated harm is relief, weaker than praise (不用担心, 没有异味); negated praise is blame. */
const NEGATED_HARM = -0.5;
const NEGATED_PRAISE = -1;

interface Entry {
  word: string;
  weight: number;
  kind: 'word' | 'negator' | 'inert' | 'consult';
}

const words = (list: string) => list.split(/\s+/).filter(Boolean);

// Entries by first character, longest first, so a scan tries 不满意 before 不满 before 不.
const byFirst = new Map<number, Entry[]>();
function add(word: string, weight: number, kind: Entry['kind']) {
  const first = word.charCodeAt(0);
  const list = byFirst.get(first) ?? [];
  if (list.some((e) => e.word === word)) throw new Error(`情感词表重复：${word}`);
  list.push({ word, weight, kind });
  list.sort((a, b) => b.word.length - a.word.length);
  byFirst.set(first, list);
}
for (const [w, list] of Object.entries(NEGATIVE))
  for (const x of words(list)) add(x, -Number(w), 'word');
for (const [w, list] of Object.entries(POSITIVE))
  for (const x of words(list)) add(x, Number(w), 'word');
for (const x of words(NEGATORS)) add(x, 0, 'negator');
for (const x of words(INERT)) add(x, 0, 'inert');
for (const x of words(CONSULT)) add(x, 0, 'consult');

/** Punctuation and spaces end a clause: negation does not reach across them. */
const CLAUSE_END = new Set(
  Array.from(' \t\r\n\u3000，。！？；：、,.!?;:…（）()「」“”"\'《》【】-—~～', (c) =>
    c.charCodeAt(0),
  ),
);

export interface LexiconHit {
  /** The text matched, with its negator when one turned it (不满意 is one word; 不及时 two). */
  text: string;
  weight: number;
}

export interface LexiconScan {
  /** Sum of the positive weights (≥ 0). */
  positive: number;
  /** Sum of the negative weights (≤ 0). */
  negative: number;
  hits: LexiconHit[];
  /** Consultation cues found (请问, 咨询, 建议 ...), with where they start in the text scanned. */
  consult: { word: string; at: number }[];
}

export const emptyScan = (): LexiconScan => ({ positive: 0, negative: 0, hits: [], consult: [] });

/**
 * Scans a text once, left to right, taking the longest entry at each position, and adds what it
 * finds to `into`. `scale` multiplies the weights (a title counts more: it says what the message
 * is).
 */
export function scanLexicon(text: string, scale = 1, into: LexiconScan = emptyScan()): LexiconScan {
  let negStart = -1;
  let negEnd = -1;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (CLAUSE_END.has(ch)) {
      negEnd = -1;
      i++;
      continue;
    }
    const entry = byFirst.get(ch)?.find((e) => text.startsWith(e.word, i));
    if (!entry) {
      i++;
      continue;
    }
    const end = i + entry.word.length;
    if (entry.kind === 'negator') {
      negStart = i;
      negEnd = end;
    } else if (entry.kind === 'inert') {
      negEnd = -1;
    } else if (entry.kind === 'consult') {
      into.consult.push({ word: entry.word, at: i });
    } else {
      const negated = negEnd >= 0 && i - negEnd <= NEGATION_WINDOW;
      let w = entry.weight * scale;
      if (negated) w *= w < 0 ? NEGATED_HARM : NEGATED_PRAISE;
      if (w > 0) into.positive += w;
      else into.negative += w;
      into.hits.push({ text: negated ? text.slice(negStart, end) : entry.word, weight: w });
      negEnd = -1;
    }
    i = end;
  }
  return into;
}
