import type { Catalog } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { FlowBlock } from '../flow-document.ts';
import type { ProductMeta } from '../product-meta.ts';
import { diagnostic } from './diagnostic.ts';

const START_TYPE = 'application';

/** Finds the one `application` start block and reads the product metadata from its config. */
export function findStart(blocks: FlowBlock[], catalog: Catalog, diagnostics: Diagnostic[]): { start: FlowBlock; meta: ProductMeta; extraFields: Record<string, object> } | undefined {
  const starts = blocks.map((block, index) => ({ block, index })).filter(({ block }) => block.type === START_TYPE);
  if (starts.length === 0) {
    diagnostics.push(diagnostic('START_MISSING', 'error', '/blocks', '缺少“申请入口”积木', 'The flow has no application start block'));
    return undefined;
  }
  for (const extra of starts.slice(1)) {
    diagnostics.push(diagnostic('START_DUPLICATE', 'error', `/blocks/${extra.index}`, '只能有一个“申请入口”积木', 'A flow has exactly one application start block', { blockId: extra.block.id }));
  }
  const { block } = starts[0];
  const startType = catalog.blockTypes.get(START_TYPE);
  if (!startType || !catalog.schemas.isValid(startType.configSchemaId, block.config)) return undefined;
  const { extraFields, ...meta } = block.config as unknown as ProductMeta & { extraFields?: Record<string, object> };
  return { start: block, meta, extraFields: extraFields ?? {} };
}
