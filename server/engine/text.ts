/** A text shown to people, in both UI languages. Every user-facing string in the engine is one. */
export interface LocalizedText {
  'zh-CN': string; // 简体中文
  en: string; // English
}

export type Locale = keyof LocalizedText;

export const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
