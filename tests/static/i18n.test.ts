import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/server/errors.js';
import { en } from '../../web/src/app/i18n/en.js';
import { zh } from '../../web/src/app/i18n/zh.js';
import { findCjkLiterals } from './cjk-literals.js';

const WEB_SRC = fileURLToPath(new URL('../../web/src', import.meta.url));
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

// The design's "Simplified Chinese first, English second": the English interface is the same
// interface, so every text has both, and no Chinese is left in the screens outside the dictionaries.
describe('the interface in two languages', () => {
  it('has the same keys in the Chinese and the English dictionary', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((k) => !(k in zh))).toEqual([]);
    expect(zhKeys.filter((k) => !(k in en))).toEqual([]);
  });

  it('gives each text the same {placeholders} in both, and no empty text', () => {
    const mismatched = Object.keys(zh).filter((key) => {
      const k = key as keyof typeof zh;
      return placeholders(zh[k]).join() !== placeholders(en[k]).join();
    });
    expect(mismatched).toEqual([]);
    const empty = Object.entries({ ...zh, ...en }).filter(([, v]) => v.trim() === '');
    expect(empty).toEqual([]);
  });

  // The server answers in Chinese with a code; the English interface leads the message with the
  // code's gist, so each code needs its words (a new code without them would show bare Chinese).
  it('has English words for every error code the server answers with', () => {
    const missing = Object.keys(ERROR_STATUS).filter((code) => !(`apiError.${code}` in en));
    expect(missing).toEqual([]);
    for (const code of Object.keys(ERROR_STATUS)) {
      const key = `apiError.${code}` as keyof typeof zh;
      expect(zh[key]).toBe('{message}');
      expect(en[key]).toMatch(/^[^\u4e00-\u9fff]+: \{message\}$/);
    }
  });

  it('writes its Chinese only in the dictionaries (or marks why it may not be)', () => {
    const found = findCjkLiterals(WEB_SRC).map((l) => `${l.file}:${l.line} ${l.text}`);
    expect(found).toEqual([]);
  });

  // The check itself: a hard-coded label is caught; a dictionary, a Chinese branch, a marked
  // literal and the printed documents are not.
  it('catches Chinese written straight into a page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-cjk-'));
    try {
      mkdirSync(join(dir, 'features/x'), { recursive: true });
      mkdirSync(join(dir, 'features/cases/print'), { recursive: true });
      writeFileSync(
        join(dir, 'features/x/Page.tsx'),
        [
          "const zh = { title: '标题' };",
          "const en = { title: 'Title, e.g. 噪音' };",
          "export const a = (lang: string) => (lang === 'zh' ? '预警' : 'alert');",
          '// i18n-allow: compared with the server',
          "export const b = (s: string) => s === '办件不存在';",
          'export const C = ({ name }: { name: string }) => <b>{name}（牵头）</b>;',
          'export const d = (n: number) => `${n} 条`;',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'features/cases/print/SlipPrintPage.tsx'),
        "export const t = '抄告单';",
      );
      expect(findCjkLiterals(dir).map((l) => `${l.file}:${l.line}`)).toEqual([
        'features/x/Page.tsx:6',
        'features/x/Page.tsx:7',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
