/**
 * The text of a closing report's 处置结果 section: what follows the heading (八、处置结果：) on its
 * line and the lines after it, up to the next numbered heading. Empty when nothing is written
 * under it: the draft ends with that heading, and a report sent with it blank tells the leaders
 * nothing of the outcome. A report written without the heading is taken whole as the result.
 * web/src/features/incidents/closing-result.ts applies the same rule in the form.
 */
export function closingResult(report: string): string {
  const lines = report.split(/\r?\n/);
  const at = lines.findLastIndex((l) =>
    /^\s*(?:[一二三四五六七八九十]+[、.．]\s*)?处置结果\s*[：:]/.test(l),
  );
  if (at < 0) return report.trim();
  const rest = [(lines[at] ?? '').replace(/^[^：:]*[：:]/, '')];
  for (const line of lines.slice(at + 1)) {
    if (/^\s*[一二三四五六七八九十]+、/.test(line)) break;
    rest.push(line);
  }
  return rest.join('\n').trim();
}
