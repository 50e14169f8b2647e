import type { Diagnostic } from '../diagnostics.ts';
import type { FlowDocument } from '../flow-document.ts';
import { diagnostic } from './diagnostic.ts';
import { escapePointer } from '../schema-registry.ts';
import { contentHash } from './hash.ts';

export type BaseResolver = (ref: { productId: string; version?: number }) => { document: FlowDocument; version: number | null; hash?: string } | undefined;

/**
 * A derived product names a base and overrides block configs (by block id) and product metadata.
 * Everything else is inherited: the result is the base's blocks and links with the overrides
 * applied, so a change to the base flows into the derived product on its next compile.
 */
export function resolveDerived(
  document: FlowDocument,
  resolveBase: BaseResolver | undefined,
  diagnostics: Diagnostic[],
): { document: FlowDocument; base?: { productId: string; version: number | null; hash: string } } | undefined {
  if (!document.base) return { document };
  const ref = document.base;
  if (document.blocks.length || document.links.length) {
    diagnostics.push(
      diagnostic('DOCUMENT_INVALID', 'error', '/blocks', '派生产品不能自带积木，请在基础产品上修改或用覆盖项', 'A derived product cannot add blocks of its own; change the base or use overrides'),
    );
    return undefined;
  }
  const found = resolveBase?.(ref);
  if (!found) {
    const which = ref.version ? `${ref.productId} v${ref.version}` : ref.productId;
    diagnostics.push(diagnostic('BASE_UNKNOWN', 'error', '/base', `找不到基础产品 ${which}`, `Base product ${which} was not found`));
    return undefined;
  }
  if (found.document.base) {
    diagnostics.push(
      diagnostic(
        'BASE_DERIVED',
        'error',
        '/base/productId',
        `基础产品 ${ref.productId} 本身是派生产品，只支持一层派生`,
        `Base product ${ref.productId} is itself derived; only one level of derivation is supported`,
      ),
    );
    return undefined;
  }
  const overrides = document.overrides ?? {};
  const blockOverrides = overrides.blocks ?? {};
  const known = new Set(found.document.blocks.map((block) => block.id));
  for (const id of Object.keys(blockOverrides)) {
    if (!known.has(id)) {
      diagnostics.push(
        diagnostic(
          'OVERRIDE_BLOCK_UNKNOWN',
          'error',
          `/overrides/blocks/${escapePointer(id)}`,
          `覆盖项指向的积木 ${id} 在基础产品中已不存在`,
          `The override points at block ${id}, which the base product no longer has`,
          { blockId: id },
        ),
      );
    }
  }
  const blocks = found.document.blocks.map((block) => {
    const patch = block.type === 'application' ? { ...overrides.product, ...blockOverrides[block.id] } : blockOverrides[block.id];
    return patch ? { ...block, config: { ...block.config, ...patch } } : block;
  });
  return {
    document: { schemaVersion: 1, blocks, links: found.document.links },
    base: { productId: ref.productId, version: found.version, hash: found.hash ?? contentHash(found.document) },
  };
}
