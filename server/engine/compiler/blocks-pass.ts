import type { BlockType, FieldRead, StaticFacts } from '../block-type.ts';
import type { Catalog } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { FlowBlock } from '../flow-document.ts';
import type { ProductMeta } from '../product-meta.ts';
import { compileBlockConfig, createBlockContext } from './block-context.ts';
import { diagnostic } from './diagnostic.ts';

/** A block after type lookup, migration and config compilation. */
export interface CompiledBlock {
  index: number; // position in the document's blocks array (for pointers)
  block: FlowBlock; // with the migrated config
  blockType: BlockType<unknown, unknown>;
  reads: FieldRead[];
  facts: StaticFacts;
  ok: boolean; // config compiled without errors
}

/** Upgrades a config written for an older typeVersion through the type's named migrations. */
function migrate(block: FlowBlock, blockType: BlockType<unknown, unknown>, pointer: string, diagnostics: Diagnostic[]): FlowBlock | undefined {
  if (block.typeVersion === blockType.version) return block;
  if (block.typeVersion > blockType.version) {
    diagnostics.push(diagnostic('BLOCK_VERSION_UNKNOWN', 'error', `${pointer}/typeVersion`, `积木 ${block.id} 的版本 ${block.typeVersion} 高于已安装的 ${blockType.type} v${blockType.version}`, `Block ${block.id} is version ${block.typeVersion}, newer than the installed ${blockType.type} v${blockType.version}`, { blockId: block.id }));
    return undefined;
  }
  let config = block.config;
  for (let version = block.typeVersion; version < blockType.version; version++) {
    const step = blockType.migrations?.find((migration) => migration.from === version);
    if (!step) {
      diagnostics.push(diagnostic('BLOCK_VERSION_UNKNOWN', 'error', `${pointer}/typeVersion`, `${blockType.type} 缺少从 v${version} 升级的迁移`, `${blockType.type} has no migration from v${version}`, { blockId: block.id }));
      return undefined;
    }
    config = step.up(config);
  }
  return { ...block, typeVersion: blockType.version, config };
}

/** Looks up every block's type, migrates it and compiles its config against the schema and the type's own checks. */
export function compileBlocks(
  blocks: FlowBlock[],
  catalog: Catalog,
  product: ProductMeta,
  applicationSchema: object,
  diagnostics: Diagnostic[],
): CompiledBlock[] {
  const compiled: CompiledBlock[] = [];
  blocks.forEach((original, index) => {
    const pointer = `/blocks/${index}`;
    const blockType = catalog.blockTypes.get(original.type);
    if (!blockType) {
      diagnostics.push(diagnostic('BLOCK_TYPE_UNKNOWN', 'error', `${pointer}/type`, `未知的积木类型 “${original.type}”`, `Unknown block type "${original.type}"`, { blockId: original.id }));
      return;
    }
    const block = migrate(original, blockType, pointer, diagnostics);
    if (!block) return;
    const result = compileBlockConfig(blockType, block.config, createBlockContext(block.id, product, applicationSchema), catalog.schemas);
    for (const found of result.diagnostics) {
      diagnostics.push({ ...found, pointer: `${pointer}/config${found.pointer}`, blockId: block.id });
    }
    const ok = !result.diagnostics.some((found) => found.severity === 'error');
    compiled.push({ index, block, blockType, reads: result.reads, facts: result.facts ?? {}, ok });
  });
  return compiled;
}
