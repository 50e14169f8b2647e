import type { FlowBlock, FlowDocument, FlowLink } from '../flow-document.ts';
import { escapePointer } from '../schema-registry.ts';

/** One changed value, by JSON pointer (relative to the block, or to the product metadata). */
export interface FieldChange {
  pointer: string;
  before: unknown; // undefined = the field was added
  after: unknown; // undefined = the field was removed
}

/**
 * What changed between two flow documents, for reviewers (docs/http-api.md, VersionDiff).
 * Product metadata is the start block's config (plus a derived product's base and overrides), so
 * the start block is reported under `product`, not under `blocks.changed`. Canvas positions are
 * layout, not product, and are ignored. Links are matched by their endpoints, not their ids.
 */
export interface VersionDiff {
  from: number | 'draft' | null; // null = nothing published before
  to: number | 'draft';
  blocks: {
    added: { id: string; type: string }[];
    removed: { id: string; type: string }[];
    changed: { id: string; type: string; fields: FieldChange[] }[];
  };
  links: { added: FlowLink[]; removed: FlowLink[] };
  product: FieldChange[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaf-level differences between two JSON values; arrays of different length are compared whole. */
export function diffValues(before: unknown, after: unknown, pointer = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], `${pointer}/${escapePointer(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => diffValues(item, after[index], `${pointer}/${index}`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ pointer, before, after }];
}

const isStart = (block: FlowBlock): boolean => block.type === 'application';
const linkKey = (link: FlowLink): string => JSON.stringify([link.from.block, link.from.port, link.to.block, link.to.port]);

/** The comparable part of a block: everything a reviewer cares about, without its canvas position. */
const blockContent = (block: FlowBlock) => ({ type: block.type, typeVersion: block.typeVersion, label: block.label, config: block.config });

/** The product metadata part of a document: start block config, base and overrides. */
function productPart(document: FlowDocument | null): Record<string, unknown> {
  const start = document?.blocks.find(isStart);
  return { ...(start ? { config: start.config } : {}), base: document?.base, overrides: document?.overrides };
}

/** Structured diff from `before` (null = empty) to `after`. Pure. */
export function diffDocuments(before: FlowDocument | null, after: FlowDocument, from: VersionDiff['from'], to: VersionDiff['to']): VersionDiff {
  const beforeBlocks = new Map((before?.blocks ?? []).filter((block) => !isStart(block)).map((block) => [block.id, block]));
  const afterBlocks = new Map(after.blocks.filter((block) => !isStart(block)).map((block) => [block.id, block]));
  const blocks: VersionDiff['blocks'] = { added: [], removed: [], changed: [] };
  for (const [id, block] of afterBlocks) {
    const old = beforeBlocks.get(id);
    if (!old) blocks.added.push({ id, type: block.type });
    else {
      const fields = diffValues(blockContent(old), blockContent(block));
      if (fields.length) blocks.changed.push({ id, type: block.type, fields });
    }
  }
  for (const [id, block] of beforeBlocks) if (!afterBlocks.has(id)) blocks.removed.push({ id, type: block.type });

  const beforeLinks = new Map((before?.links ?? []).map((link) => [linkKey(link), link]));
  const afterLinks = new Map(after.links.map((link) => [linkKey(link), link]));
  const links = {
    added: [...afterLinks].filter(([key]) => !beforeLinks.has(key)).map(([, link]) => link),
    removed: [...beforeLinks].filter(([key]) => !afterLinks.has(key)).map(([, link]) => link),
  };
  return { from, to, blocks, links, product: diffValues(productPart(before), productPart(after)) };
}
