import { useMemo } from 'react';
import type { Decision, Diagnostic, FlowDocument, Locale } from '../api/types.ts';
import { decorFromDiagnostics, type NodeDecor } from '../canvas/node-decor.ts';
import { pathOf } from './path-highlight.ts';

/** Node decorations: diagnostic badges plus, after a simulation, the highlighted path. */
export function useDecor(diagnostics: Diagnostic[], locale: Locale, document: FlowDocument, decision: Decision | null) {
  return useMemo(() => {
    const decor = decorFromDiagnostics(diagnostics, locale);
    if (!decision) return { decor, pathLinks: undefined };
    const path = pathOf(decision, document);
    for (const block of document.blocks) {
      const entry: NodeDecor = decor.get(block.id) ?? { errors: 0, warnings: 0 };
      decor.set(block.id, { ...entry, path: path.blocks.has(block.id) ? 'on' : 'dim' });
    }
    return { decor, pathLinks: path.links };
  }, [diagnostics, locale, document, decision]);
}
