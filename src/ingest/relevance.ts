export interface Relevance {
  relevant: boolean;
  terms: string[];
}

/**
 * Whether a post concerns the jurisdiction: it mentions a place name, unit name or keyword of the
 * managed dictionary. With an empty dictionary nothing can be judged, so every post counts; so
 * does every post when `judges` is false (only unit names known), the names found still recorded.
 * A term found only inside a longer one found (云溪 in 云溪镇 or 云溪大道) is not reported: the
 * places chart counted such a post for 云溪 as well.
 */
export function relevance(
  text: string,
  dictionary: readonly string[],
  judges: boolean = dictionary.length > 0,
): Relevance {
  if (dictionary.length === 0) return { relevant: true, terms: [] };
  const lower = text.toLowerCase();
  const found = dictionary.filter((term) => term.length > 0 && lower.includes(term.toLowerCase()));
  const covered: [number, number][] = [];
  const kept = new Set<string>();
  for (const term of [...found].sort((a, b) => b.length - a.length)) {
    const needle = term.toLowerCase();
    let alone = false;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (!covered.some(([from, to]) => from <= at && end <= to)) alone = true;
      covered.push([at, end]);
    }
    if (alone) kept.add(term);
  }
  const terms = found.filter((term) => kept.has(term));
  return { relevant: !judges || terms.length > 0, terms };
}
