import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Han characters and the full-width punctuation that reads as Chinese: （）：、，；「」… */
export const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/**
 * Files whose Chinese is the product, not its interface: the printed 抄告单 and 通报 are official
 * documents that stay in Chinese whatever language the screen is in.
 */
export const CHINESE_BY_DESIGN: Record<string, string> = {
  'features/cases/print/SlipPrintPage.tsx': '《网络舆情抄告单》 as printed',
  'features/cases/print/PrintFrame.tsx': 'the printed documents’ date line',
  'features/notices/NoticePrintPage.tsx': '通报 as printed',
  'features/org/slips/AccountSlipSheet.tsx': '账号开通单 as printed and handed out',
};

export interface CjkLiteral {
  file: string;
  line: number;
  text: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** Inside a dictionary: `const zh = { … }`, `const en = …` or `{ zh: { … }, en: { … } }`; an English text may quote Chinese input. */
function inDictionary(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (!ts.isObjectLiteralExpression(n)) continue;
    let owner = n.parent;
    while (ts.isAsExpression(owner) || ts.isSatisfiesExpression(owner)) owner = owner.parent;
    if (
      (ts.isVariableDeclaration(owner) || ts.isPropertyAssignment(owner)) &&
      ['zh', 'en'].includes(owner.name.getText())
    ) {
      return true;
    }
  }
  return false;
}

/** The Chinese branch of `lang === 'zh' ? … : …` (or of `lang === 'en' ? … : …`). */
function inChineseBranch(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (!ts.isConditionalExpression(p)) continue;
    const condition = p.condition.getText();
    if (/===\s*'zh'/.test(condition) && n === p.whenTrue) return true;
    if (/===\s*'en'/.test(condition) && n === p.whenFalse) return true;
  }
  return false;
}

/** A statement holding the node (a constant, a function) is marked in the comment before it. */
function markedStatement(node: ts.Node, text: string): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (!ts.isStatement(n) && !ts.isFunctionDeclaration(n)) continue;
    const comments = ts.getLeadingCommentRanges(text, n.pos) ?? [];
    if (comments.some((c) => text.slice(c.pos, c.end).includes('i18n-allow'))) return true;
  }
  return false;
}

/**
 * Every string, template or JSX text in web/src that contains Chinese, outside the dictionaries
 * (web/src/app/i18n and the `zh` halves of a feature's own dictionary), the Chinese branch of a
 * `lang === 'zh'` choice, the documents above, and a literal marked `i18n-allow: why` on its line
 * or the line before, or in the comment before its statement (Chinese on purpose: data values, examples of Chinese input, a server text
 * compared for logic). Those would show as Chinese in the English interface.
 */
export function findCjkLiterals(webSrc: string): CjkLiteral[] {
  const found: CjkLiteral[] = [];
  for (const path of filesUnder(webSrc)) {
    const file = relative(webSrc, path).split('\\').join('/');
    if (file.startsWith('app/i18n/') || file in CHINESE_BY_DESIGN) continue;
    const text = readFileSync(path, 'utf8');
    if (!CJK.test(text)) continue;
    const lines = text.split('\n');
    const source = ts.createSourceFile(
      path,
      text,
      ts.ScriptTarget.Latest,
      true,
      path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node): void => {
      if (
        (ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isTemplateHead(node) ||
          ts.isTemplateMiddle(node) ||
          ts.isTemplateTail(node) ||
          ts.isJsxText(node)) &&
        CJK.test(node.text)
      ) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const marked =
          [lines[line], lines[line - 1]].some((l) => l?.includes('i18n-allow')) ||
          markedStatement(node, text);
        if (!marked && !inDictionary(node) && !inChineseBranch(node)) {
          found.push({ file, line: line + 1, text: node.text.trim().slice(0, 60) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
