import type { BlockLabel, BlockTypeInfo, FlowBlock, Locale } from '../api/types.ts';

/**
 * A block's own name in the UI language: the text for `locale` when the name is stored per language
 * (the other language is never shown), the single text of an older document as it is. Undefined
 * when the block has no name of its own in that language.
 */
export function labelIn(label: BlockLabel | undefined, locale: Locale): string | undefined {
  if (!label) return undefined;
  if (typeof label === 'string') return label.trim() || undefined;
  return label[locale]?.trim() || undefined;
}

/** What the canvas, the problems list and the inspector call a block: its own name, else its type's title. */
export function blockTitle(block: Pick<FlowBlock, 'label' | 'type'>, blockType: BlockTypeInfo | undefined, locale: Locale): string {
  return labelIn(block.label, locale) ?? blockType?.title[locale] ?? block.type;
}
