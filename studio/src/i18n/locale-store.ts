import type { Locale } from '../api/types.ts';

/** The UI language: zh-CN by default, persisted in localStorage. A tiny external store (no React). */
const KEY = 'studio.locale';
const listeners = new Set<() => void>();

function initial(): Locale {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Locale = initial();

export const localeStore = {
  get: (): Locale => current,
  set(locale: Locale): void {
    current = locale;
    try {
      localStorage.setItem(KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = locale;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
