/** `{name}` in a dictionary's text replaced by vars.name; an unknown name stays as written. */
export function formatMessage(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}
