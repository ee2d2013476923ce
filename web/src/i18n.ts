/**
 * Chinese first, English second. The choice lives in localStorage and in a tiny store that
 * React components subscribe to; the API client reads it to send `Accept-Language: en`.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { en } from './locales/en';
import { zh, type MessageKey } from './locales/zh';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'shukai.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };
const listeners = new Set<() => void>();

function readStored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = readStored();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  listeners.forEach((listener) => listener());
}

/** `{name}` placeholders are filled from vars. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? zh[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current language and a translator bound to it; re-renders when the language changes. */
export function useI18n(): { lang: Lang; t: Translate; setLang: (lang: Lang) => void } {
  const lang = useSyncExternalStore(subscribe, getLang);
  const t = useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
  return { lang, t, setLang };
}
