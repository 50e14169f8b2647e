import 'monaco-editor/nls/lang/zh-cn.js';
import type { Locale } from '../api/types.ts';
import { localeStore } from '../i18n/locale-store.ts';

/**
 * Monaco's own words (the find widget, the context menu, "cannot edit in read-only editor") in the
 * studio's language. Monaco's build looks every message up by number in `globalThis._VSCODE_NLS_MESSAGES`
 * when a widget is made, falling back to English when the table is absent; its Simplified Chinese
 * table (monaco-editor's own `nls/lang/zh-cn.js`, bundled, no CDN) sets that global on import. This
 * module is imported before the editor's modules (monaco-setup.ts), keeps the Chinese table, and puts
 * it in place or takes it away with the studio's language; widgets made after a switch speak the new one.
 */
const globals = globalThis as { _VSCODE_NLS_MESSAGES?: string[] };
const CHINESE = globals._VSCODE_NLS_MESSAGES;

function apply(locale: Locale): void {
  globals._VSCODE_NLS_MESSAGES = locale === 'zh-CN' ? CHINESE : undefined;
}

apply(localeStore.get());
localeStore.subscribe(() => apply(localeStore.get()));
