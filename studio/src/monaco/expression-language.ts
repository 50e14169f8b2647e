import type { Locale } from '../api/types.ts';
import type { FieldPath } from './field-paths.ts';
import { monaco } from './monaco-setup.ts';

export const EXPRESSION_LANGUAGE = 'loan-expression';

/** What completion offers; set by the expression widget from GET /api/block-types' applicationSchema. */
export const completionSource: { fields: FieldPath[]; locale: Locale } = { fields: [], locale: 'zh-CN' };

let registered = false;

/** Registers the expression language (a ZEN-compatible subset): tokens and field-name completion. */
export function registerExpressionLanguage(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: EXPRESSION_LANGUAGE });
  monaco.languages.setMonarchTokensProvider(EXPRESSION_LANGUAGE, {
    keywords: ['and', 'or', 'not', 'in', 'true', 'false', 'null'],
    tokenizer: {
      root: [
        [/[a-zA-Z_][\w]*(\.[a-zA-Z_][\w]*)*/, { cases: { '@keywords': 'keyword', '@default': 'field' } }],
        [/\d+(\.\d+)?/, 'number'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/[=><!]=?|\.\.|[+\-*/%]/, 'operator'],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider(EXPRESSION_LANGUAGE, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const typed = /[\w.]*$/.exec(line)?.[0] ?? '';
      const range = new monaco.Range(position.lineNumber, position.column - typed.length, position.lineNumber, position.column);
      const suggestions: monaco.languages.CompletionItem[] = completionSource.fields
        .filter((field) => field.path.startsWith(typed.slice(0, typed.lastIndexOf('.') + 1)))
        .map((field) => ({
          label: field.path,
          kind: monaco.languages.CompletionItemKind.Field,
          detail: `${field.label?.[completionSource.locale] ?? ''} (${field.type})`,
          insertText: field.path,
          range,
        }));
      for (const keyword of ['and', 'or', 'not', 'in']) {
        suggestions.push({ label: keyword, kind: monaco.languages.CompletionItemKind.Keyword, insertText: keyword, range });
      }
      return { suggestions };
    },
  });
}
