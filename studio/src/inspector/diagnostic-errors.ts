import type { ErrorSchema } from '@rjsf/utils';
import type { Diagnostic, Locale } from '../api/types.ts';

/** The config-relative pointer of a diagnostic ("/blocks/3/config/minAge" → "/minAge"). */
export function configPointer(diagnostic: Diagnostic): string | undefined {
  const match = /^\/(?:blocks\/\d+\/config|overrides\/blocks\/[^/]+|overrides\/product)(\/.*)?$/.exec(diagnostic.pointer);
  return match ? (match[1] ?? '') : undefined;
}

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The server's compile errors for one block, as rjsf extraErrors on the fields they point at (drawn
 * red under the field). Warnings and info notes are not errors: the inspector lists them above the
 * form with their own icon and colour.
 */
export function diagnosticsToErrorSchema(diagnostics: Diagnostic[], locale: Locale, text: (diagnostic: Diagnostic) => string = (d) => d.message[locale]): ErrorSchema {
  const root: Record<string, any> = {};
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 'error') continue;
    const pointer = configPointer(diagnostic);
    if (pointer === undefined) continue;
    let node = root;
    for (const part of pointer.split('/').filter(Boolean).map(unescape)) {
      node[part] ??= {};
      node = node[part];
    }
    node.__errors = [...(node.__errors ?? []), text(diagnostic)];
  }
  return root as ErrorSchema;
}
