import type { BlockTypeInfo, Diagnostic, FlowDocument, Locale, LocalizedText } from '../api/types.ts';
import { blockTitle } from '../canvas/block-name.ts';

/** Every enum value any block type labels (value → label), for reading codes out of messages. */
export function enumLabelIndex(types: ReadonlyMap<string, BlockTypeInfo>): Map<string, LocalizedText> {
  const index = new Map<string, LocalizedText>();
  for (const type of types.values()) {
    for (const hint of Object.values(type.ui.fields ?? {})) {
      for (const [value, label] of Object.entries(hint.enumLabels ?? {})) if (!index.has(value)) index.set(value, label);
    }
  }
  return index;
}

// Machine words a message may carry: hyphenated values (interest-only) and CONSTANT_CASE codes.
const MACHINE_WORD = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;

/**
 * A diagnostic's message as a product manager reads it: block ids replaced by the blocks' titles
 * (「年龄准入」, not age-gate-1), and enum values by their labels (先息后本, not interest-only).
 * The server names blocks by id because ids are stable; the studio knows what the person calls them.
 */
export function diagnosticText(diagnostic: Pick<Diagnostic, 'message'>, locale: Locale, document: FlowDocument, types: ReadonlyMap<string, BlockTypeInfo>, labels = enumLabelIndex(types)): string {
  let text = diagnostic.message[locale] || diagnostic.message['zh-CN'] || diagnostic.message.en || '';
  const [open, close] = locale === 'zh-CN' ? ['「', '」'] : ['"', '"'];
  // Longest ids first, so "limit-range-10" is not read as "limit-range-1" followed by "0".
  const blocks = [...document.blocks].sort((a, b) => b.id.length - a.id.length);
  for (const block of blocks) {
    const pattern = new RegExp(`(?<![\\w-])${block.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    if (pattern.test(text)) text = text.replace(pattern, `${open}${blockTitle(block, types.get(block.type), locale)}${close}`);
  }
  return text.replace(MACHINE_WORD, (word) => labels.get(word)?.[locale] ?? word);
}
