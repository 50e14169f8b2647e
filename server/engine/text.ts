/** A text shown to people, in both UI languages. Every user-facing string in the engine is one. */
export interface LocalizedText {
  'zh-CN': string; // 简体中文
  en: string; // English
}

export type Locale = keyof LocalizedText;

export const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/**
 * A name an author may give in one language or both (a rule-set rule's `name`): a plain string is
 * that name in both languages, and a language left empty shows the other one, so no reader sees a
 * blank where a name was given.
 */
export function bothLanguages(value: string | LocalizedText): LocalizedText {
  if (typeof value === 'string') return { 'zh-CN': value, en: value };
  const zh = value['zh-CN'].trim();
  const en = value.en.trim();
  return { 'zh-CN': zh || en, en: en || zh };
}
