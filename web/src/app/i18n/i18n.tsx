import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en } from './en';
import { formatMessage } from './format-message';
import { zh } from './zh';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'yuqing.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

// Kept at module level too, so that code outside React (the API client) speaks the same language.
let currentLang: Lang = readStoredLang();

function applyLang(lang: Lang): void {
  currentLang = lang;
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
applyLang(currentLang);

export function translate(key: MessageKey, vars?: Vars, lang: Lang = currentLang): string {
  return formatMessage(dictionaries[lang][key], vars);
}

/** 「单位：」 or "Unit: ": a label's colon in the current language. */
export const colon = (): string => translate('common.colon');

/** 「甲、乙」 or "a, b". */
export const joinList = (items: readonly (string | number)[]): string =>
  items.join(translate('common.listSeparator'));

/** 「（注）」 or " (note)", to follow a name: 「王敏（党政办公室）」, "Wang Min (Office)". */
export const inParens = (text: string | number): string => translate('common.parens', { text });

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, vars) => translate(key, vars, lang) }),
    [lang, setLang],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
