/**
 * Sudden events in hot topics. Citizens write about a fire in short messages that share few words
 * ("菜市场着火了，浓烟很大", "集市那边起火了有人被困吗", "消防车来了三辆"), too few for the cosine of
 * their TF-IDF vectors to find one topic. What they do share is honest but different evidence: the
 * kind of event (an urgent signal of the urgency detector, or the response to one: 消防车, 灭火),
 * the place when they name one, the site in it when they name one (砖厂, 农贸市场: sites.ts),
 * closeness in time and a few characters (菜市场 in one, 市场 in the other). A short post joins the
 * topic of an event of its kind reported within the event window when that evidence points to one
 * event only; the same evidence keeps apart two fires of two villages that night, however alike
 * their words, and two fires of one village at two sites. A post naming no site joins the event of
 * its village that names one (the first reports are vague: 柳溪村着火了, then 柳溪村砖厂着火了), and a
 * post naming a site an event of its village that named none. A complaint with no urgent signal
 * (停水) is left to the cosine, so it never joins a fire in its village.
 */

import { sameSite } from './sites.js';

/** How a post reads as part of an event: made by the caller's marker (the urgency lexicon). */
export interface EventMark {
  /** Kinds of event the post reports (fire, casualty …): they start an event or join one. */
  kinds: string[];
  /** Kinds it only follows up (消防车, 灭火 after a fire): it joins such an event, never starts one. */
  follows: string[];
  /** The jurisdiction's places it names, the longest name where one contains another. */
  places: string[];
  /** The sites it names (sites.ts): 砖厂, 幸福小区; in whichever place. */
  sites: string[];
  /** Character bigrams of its text, without its places and the words that gave its kinds. */
  grams: string[];
  /** Whether the post is short enough that its words alone cannot place it (SHORT_CHARS). */
  short: boolean;
}

/** Reads a post's text (title and body, normalised) as part of an event, or not (null). */
export type EventMarker = (text: string) => EventMark | null;

/** What a topic holds of the events of its posts. */
export interface TopicEvent {
  kinds: string[];
  places: string[];
  sites: string[];
  /** The bigrams of its event posts, the first MAX_GRAMS of them. */
  grams: string[];
  /** Post times of the first and last post with an event mark. */
  firstAt: number;
  lastAt: number;
}

/** A post of at most this many characters (links left out) is short: a message, not a letter. */
export const SHORT_CHARS = 80;
const MAX_GRAMS = 256;
const MAX_SITES = 32;
/**
 * People hurt or trapped go with any event (a fire, a flood, a collapse): 有人被困 joins the fire
 * reported before it, and a fire the 被困 reported before it.
 */
const ANY_EVENT = new Set(['casualty']);

const related = (a: readonly string[], b: readonly string[]) =>
  a.some((x) => b.some((y) => x === y || ANY_EVENT.has(x) || ANY_EVENT.has(y)));

const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** Whether two lists each name a place and none in common: two places, two events. */
const apart = (a: readonly string[], b: readonly string[]) =>
  a.length > 0 && b.length > 0 && !shares(a, b);

const sharesSite = (a: readonly string[], b: readonly string[]) =>
  a.some((x) => b.some((y) => sameSite(x, y)));

/**
 * Whether two marks or events are of two places, or of two sites (砖厂 and 农贸市场 of one village,
 * or with no village named): two events, however near in time.
 */
const elsewhere = (
  a: { places: readonly string[]; sites: readonly string[] },
  b: { places: readonly string[]; sites: readonly string[] },
) =>
  apart(a.places, b.places) ||
  (a.sites.length > 0 && b.sites.length > 0 && !sharesSite(a.sites, b.sites));

const within = (e: TopicEvent, at: number, windowMs: number) =>
  at >= e.firstAt - windowMs && at <= e.lastAt + windowMs;

/**
 * A topic's event with one more marked post of time `at`, in place. A post that only follows an
 * event up (消防车) extends the topic's event but starts none: null stays null.
 */
export function addToEvent(e: TopicEvent | null, mark: EventMark, at: number): TopicEvent | null {
  if (!e && mark.kinds.length === 0) return null;
  const event = e ?? { kinds: [], places: [], sites: [], grams: [], firstAt: at, lastAt: at };
  for (const k of mark.kinds) if (!event.kinds.includes(k)) event.kinds.push(k);
  for (const p of mark.places) if (!event.places.includes(p)) event.places.push(p);
  for (const site of mark.sites)
    if (event.sites.length < MAX_SITES && !event.sites.includes(site)) event.sites.push(site);
  const grams = new Set(event.grams);
  for (const g of mark.grams) {
    if (grams.size >= MAX_GRAMS) break;
    grams.add(g);
  }
  event.grams = [...grams];
  event.firstAt = Math.min(event.firstAt, at);
  event.lastAt = Math.max(event.lastAt, at);
  return event;
}

/** The event of two merged topics. */
export function mergeEvents(a: TopicEvent | null, b: TopicEvent | null): TopicEvent | null {
  if (!a || !b) return a ?? b;
  const merged = addToEvent(
    { ...a, kinds: [...a.kinds], places: [...a.places], sites: [...a.sites], grams: [...a.grams] },
    { kinds: b.kinds, follows: [], places: b.places, sites: b.sites, grams: b.grams, short: false },
    b.firstAt,
  ) as TopicEvent;
  merged.lastAt = Math.max(merged.lastAt, b.lastAt);
  return merged;
}

/**
 * Whether a post cannot be about a topic's event: of a related kind, within the window of it, and
 * naming another place (a fire in 柳塘村 is not the fire in 青石村 reported an hour before) or
 * another site (the 农贸市场 of 柳溪村 is not its 砖厂).
 */
export function markConflicts(
  mark: EventMark | null | undefined,
  at: number,
  event: TopicEvent | null,
  windowMs: number,
): boolean {
  if (!mark || !event) return false;
  return (
    related([...mark.kinds, ...mark.follows], event.kinds) &&
    within(event, at, windowMs) &&
    elsewhere(mark, event)
  );
}

/** Whether two topics hold two events: related kinds, near in time, at different places or sites. */
export function eventsConflict(
  a: TopicEvent | null,
  b: TopicEvent | null,
  windowMs: number,
): boolean {
  if (!a || !b) return false;
  return (
    related(a.kinds, b.kinds) &&
    a.firstAt - windowMs <= b.lastAt &&
    b.firstAt <= a.lastAt + windowMs &&
    elsewhere(a, b)
  );
}

/**
 * The one event a short post is about, among the candidates' events: of a related kind, within the
 * window, in no other place and at no other site. A post naming a place joins an event that named
 * none only on more than its kind (two bigrams in common: 菜市场 in both). Of several, the one at
 * the post's site, then the one naming the post's place, then the one sharing most bigrams; when
 * that leaves two events apart, the post could be about either and joins neither.
 */
export function matchEvent<T>(
  mark: EventMark | null | undefined,
  at: number,
  candidates: Iterable<{ key: T; event: TopicEvent }>,
  windowMs: number,
): T | null {
  if (!mark?.short) return null;
  const kinds = [...mark.kinds, ...mark.follows];
  if (kinds.length === 0) return null;
  const grams = new Set(mark.grams);
  const scored: { key: T; event: TopicEvent; site: number; place: number; shared: number }[] = [];
  for (const { key, event } of candidates) {
    if (!related(kinds, event.kinds) || !within(event, at, windowMs)) continue;
    if (elsewhere(mark, event)) continue;
    let shared = 0;
    for (const g of event.grams) if (grams.has(g)) shared += 1;
    if (mark.places.length > 0 && event.places.length === 0 && shared < 2) continue;
    scored.push({
      key,
      event,
      site: sharesSite(mark.sites, event.sites) ? 1 : 0,
      place: shares(mark.places, event.places) ? 1 : 0,
      shared,
    });
  }
  scored.sort(
    (a, b) =>
      b.site - a.site ||
      b.place - a.place ||
      b.shared - a.shared ||
      b.event.lastAt - a.event.lastAt,
  );
  const [best, next] = scored;
  if (!best) return null;
  // Two events the evidence cannot tell apart, unless both are in the post's own place: one event
  // of one place split earlier, or two sites of the village and a post naming neither (柳溪村又
  //着火了): the latest takes it, the one most written about now, and both were told already.
  if (
    next &&
    next.site === best.site &&
    next.place === best.place &&
    next.shared === best.shared &&
    best.place === 0 &&
    best.site === 0
  )
    return null;
  return best.key;
}
