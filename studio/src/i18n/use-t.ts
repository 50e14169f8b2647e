import { useCallback, useSyncExternalStore } from 'react';
import type { LocalizedText, Locale } from '../api/types.ts';
import { localeStore } from './locale-store.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';
import { en } from './en.ts';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const plurals = { 'zh-CN': new Intl.PluralRules('zh-CN'), en: new Intl.PluralRules('en') };

/**
 * Fills `{name}` placeholders, and `{name:one|other}` plural choices by the number in `name`
 * ("{warnings} {warnings:warning|warnings}" → "1 warning", "0 warnings").
 */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[locale][key] ?? key;
  if (!params) return template;
  return template
    .replace(/\{(\w+):([^|}]*)\|([^}]*)\}/g, (_, name: string, one: string, other: string) => (plurals[locale].select(Number(params[name])) === 'one' ? one : other))
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The dictionaries, for the test that every key has both languages. */
export const DICTIONARIES = dictionaries;

/** A server text in the current language (falls back to the other one, then to a plain string). */
export function localize(locale: Locale, value: LocalizedText | string | undefined | null): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return value[locale] || value['zh-CN'] || value.en || '';
}

/** The translation hook: `t(key, params)`, `lt(localizedText)`, the locale and its setter. */
export function useT() {
  const locale = useSyncExternalStore(localeStore.subscribe, localeStore.get);
  const t = useCallback((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), [locale]);
  const lt = useCallback((value: LocalizedText | string | undefined | null) => localize(locale, value), [locale]);
  return { t, lt, locale, setLocale: localeStore.set };
}
