import type { Catalog } from '../engine/catalog.ts';
import type { Diagnostic } from '../engine/diagnostics.ts';
import type { LocalizedText } from '../engine/text.ts';

interface SummarizedBlock {
  id: string;
  type: string;
  config: unknown;
}

/**
 * Each block's node subtitle in both languages, from its type's `summarize` (the descriptor knows
 * its key figures: an LTV block's ratios, a gate's bounds). Blocks with compile errors are left
 * out — their config may not have the shape `summarize` expects — and the studio falls back to its
 * generic subtitle for them (studio/src/canvas/summary.ts).
 */
export function blockSummaries(catalog: Catalog, blocks: readonly SummarizedBlock[], diagnostics: readonly Diagnostic[]): Record<string, LocalizedText> {
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error' && d.blockId).map((d) => d.blockId));
  const summaries: Record<string, LocalizedText> = {};
  for (const block of blocks) {
    const summarize = catalog.blockTypes.get(block.type)?.summarize;
    if (!summarize || broken.has(block.id)) continue;
    try {
      const zh = summarize(block.config, 'zh-CN');
      const en = summarize(block.config, 'en');
      if (zh || en) summaries[block.id] = { 'zh-CN': zh || en, en: en || zh };
    } catch {
      // a config the compiler accepted but summarize cannot read: the generic subtitle stands in
    }
  }
  return summaries;
}
