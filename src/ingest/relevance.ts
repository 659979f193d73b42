export interface Relevance {
  relevant: boolean;
  terms: string[];
}

/**
 * Whether a post concerns the jurisdiction: it mentions a place name, unit name or keyword of the
 * managed dictionary. With an empty dictionary nothing can be judged, so every post counts.
 */
export function relevance(text: string, dictionary: readonly string[]): Relevance {
  if (dictionary.length === 0) return { relevant: true, terms: [] };
  const lower = text.toLowerCase();
  const terms = dictionary.filter((term) => term.length > 0 && lower.includes(term.toLowerCase()));
  return { relevant: terms.length > 0, terms };
}
