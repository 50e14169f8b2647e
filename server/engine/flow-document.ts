import type { LocalizedText } from './text.ts';
/**
 * The authoring document a product manager edits in the studio (product-schemas/flow.schema.json).
 * Our own format: React Flow nodes/edges are a view model mapped at the studio boundary, and view
 * state (selection, viewport, measured sizes) is never saved here.
 */
export interface FlowDocument {
  schemaVersion: 1; // format version of this document
  blocks: FlowBlock[]; // block instances; product metadata lives in the `application` start block
  links: FlowLink[]; // directed links from an output port to an input port
  base?: BaseReference; // present on a derived product: blocks and links come from the base
  overrides?: Overrides; // only on a derived product: what differs from the base
}

/** One block instance on the canvas. */
export interface FlowBlock {
  id: string; // unique in the document, stable across edits (overrides refer to it)
  type: string; // block type, e.g. "age-gate"
  typeVersion: number; // version of the block type the config was written for
  config: Record<string, unknown>; // validated against the block type's config schema
  position: { x: number; y: number }; // canvas position, the only layout we keep
  label?: BlockLabel; // optional name a product manager gives the block
}

/**
 * A block's own name: one per UI language (shown in that language only), or a single text that
 * older documents carry for both.
 */
export type BlockLabel = string | LocalizedText;

/** The block's own name in `locale` (a single-text label serves both), or undefined when it has none. */
export function blockLabelIn(label: BlockLabel | undefined, locale: keyof LocalizedText): string | undefined {
  if (label === undefined) return undefined;
  return typeof label === 'string' ? label : label[locale] || label[locale === 'en' ? 'zh-CN' : 'en'] || undefined;
}

/** A link from `from.block`'s output port `from.port` to `to.block`'s input port `to.port`. */
export interface FlowLink {
  id: string; // unique in the document
  from: { block: string; port: string }; // source block id and output port id
  to: { block: string; port: string }; // target block id and input port id
}

/** The base product a derived product inherits from. */
export interface BaseReference {
  productId: string; // id of the base product
  version?: number; // pin a published version; absent = the base's current draft/latest
}

/** What a derived product changes on its base. */
export interface Overrides {
  product?: Record<string, unknown>; // merged over the base's start block config (id, names, channels…)
  blocks?: Record<string, Record<string, unknown>>; // block id → config properties replaced on that block
}
