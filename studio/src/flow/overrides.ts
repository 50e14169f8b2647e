import type { FlowBlock, FlowDocument } from '../api/types.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A derived product shows its base's blocks with the overrides merged in (top-level config
 * properties replaced; the start block takes `overrides.product`).
 */
export function mergeOverrides(base: FlowDocument, derived: FlowDocument): FlowDocument {
  const blocks = base.blocks.map((block) => {
    const patch = block.type === 'application' ? derived.overrides?.product : derived.overrides?.blocks?.[block.id];
    return patch ? { ...block, config: { ...block.config, ...patch } } : block;
  });
  return { schemaVersion: 1, blocks, links: base.links };
}

/** The properties of `edited` that differ from the base block's config: what to store as overrides. */
export function overridesFor(baseBlock: FlowBlock, edited: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edited)) {
    if (!same(value, baseBlock.config[key])) changed[key] = value;
  }
  return changed;
}

/** The derived document with one block's overrides replaced (empty overrides are dropped). */
export function withBlockOverrides(derived: FlowDocument, baseBlock: FlowBlock, values: Record<string, unknown>): FlowDocument {
  const overrides = { ...(derived.overrides ?? {}) };
  const hasValues = Object.keys(values).length > 0;
  if (baseBlock.type === 'application') {
    if (hasValues) overrides.product = values;
    else delete overrides.product;
  } else {
    const blocks = { ...(overrides.blocks ?? {}) };
    if (hasValues) blocks[baseBlock.id] = values;
    else delete blocks[baseBlock.id];
    if (Object.keys(blocks).length) overrides.blocks = blocks;
    else delete overrides.blocks;
  }
  const next: FlowDocument = { ...derived, overrides };
  if (!Object.keys(overrides).length) delete next.overrides;
  return next;
}

/** The overrides currently stored for a block of the base. */
export function overridesOf(derived: FlowDocument, baseBlock: FlowBlock): Record<string, unknown> {
  return (baseBlock.type === 'application' ? derived.overrides?.product : derived.overrides?.blocks?.[baseBlock.id]) ?? {};
}
