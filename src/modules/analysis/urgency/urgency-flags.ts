/** An urgency signal as stored on a post (posts.urgency) and shown to staff. */
export interface UrgencyFlag {
  label: string;
  urgent: boolean;
  words: string[];
}

/** The stored signals of a post: jsonb arrives parsed from PGlite and as text from some drivers. */
export function urgencyFlags(value: unknown): UrgencyFlag[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as unknown;
  if (!Array.isArray(list)) return [];
  return list.map((s: { label?: string; urgent?: boolean; words?: string[] }) => ({
    label: s.label ?? '',
    urgent: s.urgent === true,
    words: Array.isArray(s.words) ? s.words : [],
  }));
}
