import { Type, type Static } from '@sinclair/typebox';

/** An urgency signal as stored on a post (posts.urgency) and shown to staff. */
export const UrgencyFlag = Type.Object({
  label: Type.String({ description: '信号，如 火灾' }),
  urgent: Type.Boolean({ description: '是否紧急' }),
  words: Type.Array(Type.String(), { description: '触发词' }),
});
export type UrgencyFlag = Static<typeof UrgencyFlag>;

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
