/**
 * Urgency signals of a post (DESIGN §4, issue 5): safety hazards, fire, group incidents, self-harm,
 * epidemics, harm to children, wage arrears, floods and disasters, threats of violence. Each signal
 * carries the words that triggered it and their positions, for highlighting; an urgent signal
 * proposes 紧急 when the case is assigned. Pure functions over the word lists of urgency-lexicon.ts.
 *
 * Wage arrears are urgent in the weeks before a holiday, when workers need the money to go home.
 * The yearly winter campaign against wage arrears (治理欠薪冬季行动) runs up to the Spring Festival
 * and has started earlier over the years (15 November 2019, 6 November 2020, 1 November 2025), so:
 * - from 1 November until 正月初一 (the Spring Festival day) inclusive;
 * - from 10 September until 1 October (National Day) inclusive.
 * Dates are local dates in `timeZone` (default Asia/Shanghai) of `now` (default the current time).
 * The Spring Festival dates come from SPRING_FESTIVAL below (2020–2040); outside those years the
 * winter window ends on 20 February, the latest date the festival can fall on. A message that says
 * itself the holiday is near (快过年了, 马上过年, 年关将至 …, the lexicon's holiday combination) is
 * urgent whatever the date.
 */
import { localDate } from '../../../lib/calendar.js';
import type { Combo, KindLexicon, UrgencyKind } from './urgency-lexicon.js';
import {
  HYPOTHETICAL_KINDS,
  HYPOTHETICALS,
  NEGATION_EXCEPTIONS,
  NEGATIONS,
  URGENCY_LEXICON,
} from './urgency-lexicon.js';

export type { UrgencyKind } from './urgency-lexicon.js';

export interface UrgencySignal {
  kind: UrgencyKind;
  /** Chinese name of the kind, e.g. 火灾. */
  label: string;
  /** Whether this signal alone makes the post urgent. */
  urgent: boolean;
  /** Triggering words, one per occurrence, in text order; `positions[i]` is where `terms[i]` starts. */
  terms: string[];
  /** UTF-16 offsets into the text (what String.prototype.slice uses). */
  positions: number[];
}

export interface UrgencyResult {
  /** True when any signal is urgent: propose 紧急 on assignment. */
  urgent: boolean;
  /** At most one signal per kind, in the order of URGENCY_LEXICON. */
  signals: UrgencySignal[];
}

export interface UrgencyOptions {
  now?: Date;
  timeZone?: string;
}

/** 正月初一 of each year (the Spring Festival day). */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2020: '01-25',
  2021: '02-12',
  2022: '02-01',
  2023: '01-22',
  2024: '02-10',
  2025: '01-29',
  2026: '02-17',
  2027: '02-06',
  2028: '01-26',
  2029: '02-13',
  2030: '02-03',
  2031: '01-23',
  2032: '02-11',
  2033: '01-31',
  2034: '02-19',
  2035: '02-08',
  2036: '01-28',
  2037: '02-15',
  2038: '02-04',
  2039: '01-24',
  2040: '02-12',
};

const LATEST_SPRING_FESTIVAL = '02-20';
const WINTER_WINDOW_START = '11-01';
const NATIONAL_DAY_WINDOW = { from: '09-10', to: '10-01' } as const;

/**
 * Whether a local date (YYYY-MM-DD) lies in the weeks before the Spring Festival or National Day,
 * when wage arrears are urgent.
 */
export function isPreHolidayWagePeriod(date: string): boolean {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (monthDay >= WINTER_WINDOW_START) return true;
  const festival = SPRING_FESTIVAL[year] ?? LATEST_SPRING_FESTIVAL;
  if (monthDay <= festival) return true;
  return monthDay >= NATIONAL_DAY_WINDOW.from && monthDay <= NATIONAL_DAY_WINDOW.to;
}

interface Hit {
  term: string;
  start: number;
  end: number;
}

function occurrences(text: string, term: string): Hit[] {
  const hits: Hit[] = [];
  if (term.length === 0) return hits;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    hits.push({ term, start: at, end: at + term.length });
  }
  return hits;
}

function isNegated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  if (NEGATION_EXCEPTIONS.some((exception) => before.endsWith(exception))) return false;
  return NEGATIONS.some((negation) => before.endsWith(negation));
}

/** Spans of the kind's exclusion phrases in the text. */
function excludedSpans(text: string, exclusions: readonly string[]): Hit[] {
  return exclusions.flatMap((phrase) => occurrences(text, phrase));
}

const CLAUSE_END = /[，。！？；,.!?;\n]/;

/** Spans from each supposition word (一旦, 万一, 极易引发 …) to the end of its clause. */
function hypotheticalSpans(text: string): Hit[] {
  return HYPOTHETICALS.flatMap((word) =>
    occurrences(text, word).map((hit) => {
      const rest = text.slice(hit.end).search(CLAUSE_END);
      return { ...hit, end: rest < 0 ? text.length : hit.end + rest };
    }),
  );
}

const overlaps = (a: Hit, b: Hit): boolean => a.start < b.end && b.start < a.end;

/**
 * Occurrences of the words that count: not inside an exclusion, not negated, and not overlapping a
 * longer (or earlier) occurrence, so 拖欠农民工工资 is not also 农民工工资.
 */
function validHits(text: string, words: readonly string[], excluded: readonly Hit[]): Hit[] {
  const all = words
    .flatMap((word) => occurrences(text, word))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Longest match first; a negated phrase also hides the words inside it (没有拖欠工资 → 欠工资).
  const taken: Hit[] = [];
  for (const hit of all) {
    if (!taken.some((other) => overlaps(hit, other))) taken.push(hit);
  }
  return taken.filter(
    (hit) => !excluded.some((span) => overlaps(hit, span)) && !isNegated(text, hit.start),
  );
}

/** Gap in characters between two occurrences (0 when adjacent or overlapping). */
function gap(a: Hit, b: Hit): number {
  return Math.max(0, a.start - b.end, b.start - a.end);
}

/** Occurrences of both sides of a combination that have a partner within range. */
function comboHits(text: string, combo: Combo, excluded: readonly Hit[]): Hit[] {
  const firsts = validHits(text, combo.first, excluded);
  const seconds = validHits(text, combo.second, excluded);
  const near = (hit: Hit, others: Hit[]) =>
    others.some((other) => !overlaps(hit, other) && gap(hit, other) <= combo.within);
  return [
    ...firsts.filter((hit) => near(hit, seconds)),
    ...seconds.filter((hit) => near(hit, firsts)),
  ];
}

function kindIsUrgent(entry: KindLexicon, strong: boolean, preHoliday: () => boolean): boolean {
  switch (entry.urgency) {
    case 'always':
      return true;
    case 'strong':
      return strong;
    case 'seasonal':
      return strong || preHoliday();
  }
}

function detectKind(
  text: string,
  entry: KindLexicon,
  preHoliday: () => boolean,
): UrgencySignal | undefined {
  const excluded = excludedSpans(text, entry.exclusions);
  if (HYPOTHETICAL_KINDS.has(entry.kind)) excluded.push(...hypotheticalSpans(text));
  // Longest match wins, whichever list the words come from.
  const direct = validHits(text, [...entry.urgentTerms, ...entry.terms], excluded);
  const urgentWords = new Set(entry.urgentTerms);
  let strong = direct.some((hit) => urgentWords.has(hit.term));
  const hits = [...direct];
  for (const combo of entry.combos) {
    const found = comboHits(text, combo, excluded);
    if (found.length === 0) continue;
    if (combo.urgent) strong = true;
    hits.push(...found);
  }
  if (hits.length === 0) return undefined;
  // The same word can be found by a direct term and a combination: keep the longer occurrence.
  const ordered: Hit[] = [];
  for (const hit of hits.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (!ordered.some((other) => overlaps(hit, other))) ordered.push(hit);
  }
  return {
    kind: entry.kind,
    label: entry.label,
    urgent: kindIsUrgent(entry, strong, preHoliday),
    terms: ordered.map((hit) => hit.term),
    positions: ordered.map((hit) => hit.start),
  };
}

let byFirstUnit: Map<string, string[]> | undefined;

/**
 * The kinds that can give a signal in the text: a word of theirs occurs (a term, or a word of
 * each side of a combination). One pass over the text with the lexicon's words by their first
 * code unit, so that only the few posts with a trigger word are matched word by word (the topics
 * analyser reads every post of an import this way).
 */
function kindsWithWords(text: string): Set<KindLexicon> {
  if (!byFirstUnit) {
    byFirstUnit = new Map();
    const words = URGENCY_LEXICON.flatMap((k) => [
      ...k.terms,
      ...k.urgentTerms,
      ...k.combos.flatMap((c) => [...c.first, ...c.second]),
    ]);
    for (const word of new Set(words)) {
      const first = word[0];
      if (first === undefined) continue;
      byFirstUnit.set(first, [...(byFirstUnit.get(first) ?? []), word]);
    }
  }
  const found = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const list = byFirstUnit.get(text[i] as string);
    if (list) for (const word of list) if (text.startsWith(word, i)) found.add(word);
  }
  const kinds = new Set<KindLexicon>();
  if (found.size === 0) return kinds;
  const any = (words: readonly string[]) => words.some((w) => found.has(w));
  for (const kind of URGENCY_LEXICON)
    if (
      any(kind.terms) ||
      any(kind.urgentTerms) ||
      kind.combos.some((c) => any(c.first) && any(c.second))
    )
      kinds.add(kind);
  return kinds;
}

/**
 * The urgency signals in a post's text (title and body joined by the caller). Deterministic for a
 * given `now`; only wage arrears depend on the date.
 */
export function detectUrgency(text: string, options: UrgencyOptions = {}): UrgencyResult {
  let preHolidayCache: boolean | undefined;
  const preHoliday = (): boolean => {
    preHolidayCache ??= isPreHolidayWagePeriod(
      localDate(options.now ?? new Date(), options.timeZone ?? 'Asia/Shanghai'),
    );
    return preHolidayCache;
  };
  const signals: UrgencySignal[] = [];
  const present = kindsWithWords(text);
  for (const entry of URGENCY_LEXICON) {
    if (!present.has(entry)) continue;
    const signal = detectKind(text, entry, preHoliday);
    if (signal) signals.push(signal);
  }
  return { urgent: signals.some((signal) => signal.urgent), signals };
}
