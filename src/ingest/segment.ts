import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface Segmenter {
  /** The words of a text, without whitespace, punctuation and links, lower-cased. */
  words(text: string): string[];
  /**
   * jieba's word class of one word as its dictionary gives it (n, v, d, r …; `ns` for a local
   * name), or 'x' when the dictionary does not know it as one word.
   */
  wordClass(word: string): string;
}

// Loading jieba's dictionary takes a while: one instance per distinct user dictionary, kept.
const cache = new Map<string, Segmenter>();
const MAX_CACHED = 8;

// A word is kept when it has a letter or digit in it (CJK ideographs count as letters).
const WORDISH = /[\p{L}\p{N}]/u;
/**
 * A link written into a post (a photo, a video) says nothing of what the post is about, and its
 * pieces (http, img, example, jpg) became a hot topic's key words, then an incident's, which then
 * suggested every post with a link. Up to the first space, Han character or CJK punctuation.
 */
const LINK = /(?:https?:\/\/|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*/giu;

/** A text with the links written into it turned into spaces (see LINK). */
export const withoutLinks = (text: string) => text.replace(LINK, ' ');

/**
 * A jieba segmenter that also knows the local names (places, units), so 金鼎村 or a unit's full
 * name stay whole words in the index and in queries alike.
 */
export function segmenter(userWords: readonly string[] = []): Segmenter {
  const words = [
    ...new Set(userWords.map((w) => w.trim()).filter((w) => w && !/\s/.test(w))),
  ].sort();
  const key = words.join('\n');
  const cached = cache.get(key);
  if (cached) return cached;
  const jieba = Jieba.withDict(dict);
  // A high frequency so that the local name wins over splitting it into common words.
  if (words.length > 0)
    jieba.loadDict(Buffer.from(words.map((w) => `${w} 100000 ns`).join('\n'), 'utf8'));
  const s: Segmenter = {
    words: (text) =>
      jieba
        .cut(withoutLinks(text), true)
        .filter((w) => WORDISH.test(w))
        .map((w) => w.toLowerCase()),
    wordClass: (word) => {
      const tagged = jieba.tag(word, false);
      return tagged.length === 1 && tagged[0]?.word === word ? tagged[0].tag : 'x';
    },
  };
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, s);
  return s;
}

/** The segmented form stored in posts.segmented and indexed as to_tsvector('simple', ...). */
export function segment(s: Segmenter, text: string): string {
  return s.words(text).join(' ');
}

/** Han characters as the search index pieces them (CJK Unified Ideographs). */
const HAN_RUN = /[\u4e00-\u9fff]{2,}/g;

/** Every two-character piece of a run of Han characters, in order: 路灯不亮 → 路灯 灯不 不亮. */
export function hanBigrams(run: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) grams.push(run.slice(i, i + 2));
  return grams;
}

/**
 * What posts.search indexes: the words, then every two-character piece of each run of Han
 * characters in the text. A search then finds a word inside a longer one (学校 in 中心学校) and a
 * phrase however jieba cut it (路灯不亮 in 路灯不亮了), as people expect of a search box.
 */
export function searchDocument(segmented: string, text: string): string {
  const grams = (text.match(HAN_RUN) ?? []).flatMap(hanBigrams);
  return grams.length > 0 ? `${segmented} ${grams.join(' ')}` : segmented;
}
