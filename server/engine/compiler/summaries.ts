import type { Catalog } from '../catalog.ts';
import type { LocalizedText } from '../text.ts';

/**
 * Each block's one-line summary with its key figures ("住宅 70%，别墅 60%，房龄 ≤ 20 年"), in both
 * languages, from its block type's `summarize`. The compile answer carries it so the studio's node
 * subtitle says what the block type says, with no studio code per block. Blocks whose config does
 * not satisfy their schema, or whose type has no summarize, get none (the studio falls back).
 */
export function blockSummaries(document: unknown, catalog: Catalog): Record<string, LocalizedText> {
  const blocks = (document as { blocks?: unknown })?.blocks;
  const summaries: Record<string, LocalizedText> = {};
  if (!Array.isArray(blocks)) return summaries;
  for (const block of blocks as { id?: unknown; type?: unknown; config?: unknown }[]) {
    if (typeof block?.id !== 'string' || typeof block.type !== 'string') continue;
    const blockType = catalog.blockTypes.get(block.type);
    if (!blockType?.summarize || !catalog.schemas.isValid(blockType.configSchemaId, block.config)) continue;
    try {
      const zh = blockType.summarize(block.config, 'zh-CN');
      const en = blockType.summarize(block.config, 'en');
      if (zh || en) summaries[block.id] = { 'zh-CN': zh, en };
    } catch {
      // A summary is a courtesy: a config the compiler rejects semantically must not fail the compile answer.
    }
  }
  return summaries;
}
