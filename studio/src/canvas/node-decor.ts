import type { Diagnostic, Locale } from '../api/types.ts';

/** How a block node looks beyond its config: diagnostics, simulation path, review diff. */
export interface NodeDecor {
  errors: number;
  warnings: number;
  message?: string; // the first problem, for the badge tooltip
  path?: 'on' | 'dim'; // simulation path highlight
  diff?: 'added' | 'removed' | 'changed'; // review diff colouring
}

export const decorKey = (decor: NodeDecor | undefined): string => (decor ? `${decor.errors}|${decor.warnings}|${decor.message ?? ''}|${decor.path ?? ''}|${decor.diff ?? ''}` : '');

/** Diagnostics → per-block badge counts. */
export function decorFromDiagnostics(diagnostics: Diagnostic[], locale: Locale): Map<string, NodeDecor> {
  const decor = new Map<string, NodeDecor>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.blockId) continue;
    const entry = decor.get(diagnostic.blockId) ?? { errors: 0, warnings: 0 };
    if (diagnostic.severity === 'error') entry.errors += 1;
    else if (diagnostic.severity === 'warning') entry.warnings += 1;
    entry.message ??= diagnostic.message[locale];
    decor.set(diagnostic.blockId, entry);
  }
  return decor;
}
