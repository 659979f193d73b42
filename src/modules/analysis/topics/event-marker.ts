import { segmenter, withoutLinks, type Segmenter } from '../../../ingest/segment.js';
import { SHORT_CHARS, type EventMark, type EventMarker } from '../../../nlp/topics/events.js';
import { sitesIn } from '../../../nlp/topics/sites.js';
import { detectUrgency, type UrgencySignal } from '../urgency/urgency.js';

/**
 * Words of the response to an event (消防车来了三辆, 消防在灭火): no urgent signal of their own, as
 * a complaint about a fire engine's lane is none, but a short post with one right after a fire is
 * reported follows that fire up (it joins such an event, never starts one).
 */
const FOLLOW_UPS: readonly { kind: string; words: readonly string[] }[] = [
  { kind: 'fire', words: ['消防车', '消防员', '消防队', '救火', '灭火', '扑救', '扑灭', '火警'] },
  { kind: 'casualty', words: ['救护车', '抢救', '救人', '救出'] },
];
/** Phrases with a follow-up word in them that follow up no event. */
const NOT_FOLLOW_UPS = ['消防车通道', '消防车道', '灭火器', '救火车通道'];

/** Wage arrears are urgent by the calendar, not as a sudden event in one place. */
const NOT_EVENTS: ReadonlySet<string> = new Set(['wageArrears']);

/**
 * 安全隐患 holds events of different natures: a chemical plant blowing up and a gas leak in a
 * block of flats in one village the same hour are two matters, as a fire and a flood are. Its
 * urgent words, grouped by what happened, are the kinds of event instead.
 */
const SAFETY_EVENTS: readonly { kind: string; words: readonly string[] }[] = [
  { kind: 'safety.collapse', words: ['塌方', '坍塌', '倒塌', '垮塌', '塌陷'] },
  {
    kind: 'safety.gas',
    words: ['燃气泄漏', '煤气泄漏', '天然气泄漏', '燃气泄露', '煤气泄露', '天然气泄露'],
  },
  { kind: 'safety.explosion', words: ['爆炸'] },
  { kind: 'safety.poisoning', words: ['一氧化碳中毒', '煤气中毒'] },
  { kind: 'safety.electric', words: ['触电身亡'] },
];

/** The kinds of event an urgent signal reports. */
function eventKinds(signal: UrgencySignal): string[] {
  if (signal.kind !== 'safety') return [signal.kind];
  const kinds = SAFETY_EVENTS.filter((e) => signal.terms.some((t) => e.words.includes(t)));
  return kinds.length > 0 ? kinds.map((e) => e.kind) : [signal.kind];
}

interface Span {
  start: number;
  end: number;
}

/** Occurrences of the words in the text, longest first where they overlap. */
function spans(text: string, words: readonly string[]): (Span & { word: string })[] {
  const found: (Span & { word: string })[] = [];
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const span = { start: at, end: at + word.length, word };
      if (!found.some((s) => s.start < span.end && span.start < s.end)) found.push(span);
    }
  }
  return found;
}

/** Character bigrams of the text's runs of letters and digits, leaving out the spans. */
function bigrams(text: string, blank: readonly Span[]): string[] {
  const chars = [...text.toLowerCase()];
  // Spans are UTF-16 offsets; map them to code points once.
  const cut = new Set<number>();
  let offset = 0;
  chars.forEach((c, i) => {
    if (blank.some((s) => offset >= s.start && offset < s.end) || !/[\p{L}\p{N}]/u.test(c))
      cut.add(i);
    offset += c.length;
  });
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++)
    if (!cut.has(i) && !cut.has(i + 1)) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

/**
 * How the topics analyser reads a post as part of a sudden event (src/nlp/topics/events.ts): the
 * urgency detector's urgent signals, the follow-up words above, the jurisdiction's places it
 * names and the sites it names (砖厂, 幸福小区: src/nlp/topics/sites.ts) in jieba's words of it,
 * with the local names as words so that 柳溪村砖厂 reads as 柳溪村 / 砖厂 (the caller's segmenter,
 * which knows them, or one made here). The township's own name (云溪镇, and 云溪 within it) is no
 * place of its own: a fire in 云溪镇 may be the one in 青石村.
 */
export function eventMarker(
  places: readonly string[],
  township: string | null,
  seg: Segmenter = segmenter([...places, ...(township ? [township] : [])]),
): EventMarker {
  const local = places.filter((p) => p.length > 0 && !(township ?? '').includes(p));
  const names = new Set([...places, ...(township ? [township] : [])].map((p) => p.toLowerCase()));
  const isPlace = (w: string) => names.has(w) || /[村镇乡县]$/.test(w);
  return (raw) => {
    const text = withoutLinks(raw);
    const signals = detectUrgency(text).signals.filter((s) => s.urgent && !NOT_EVENTS.has(s.kind));
    const triggers: Span[] = signals.flatMap((s) =>
      s.terms.map((term, i) => ({
        start: s.positions[i] as number,
        end: (s.positions[i] as number) + term.length,
      })),
    );
    const excluded = spans(text, NOT_FOLLOW_UPS);
    const follows: string[] = [];
    for (const { kind, words } of FOLLOW_UPS) {
      const hits = spans(text, words).filter(
        (h) => !excluded.some((e) => e.start < h.end && h.start < e.end),
      );
      if (hits.length > 0) follows.push(kind);
      triggers.push(...hits);
    }
    const kinds = [...new Set(signals.flatMap(eventKinds))];
    if (kinds.length === 0 && follows.length === 0) return null;
    const named = spans(text, local);
    const mark: EventMark = {
      kinds,
      follows: follows.filter((k) => !kinds.includes(k)),
      places: [...new Set(named.map((s) => s.word))],
      sites: sitesIn(seg.words(text), (w) => seg.wordClass(w), isPlace),
      grams: bigrams(text, [...named, ...triggers]),
      short: text.replace(/\s/g, '').length <= SHORT_CHARS,
    };
    return mark;
  };
}
