import type { BlockType } from '../block-type.ts';
import type { OutputPort } from '../ports.ts';
import type { LocalizedText } from '../text.ts';

/** A block's outputs: the dynamic ones from its config (router branches) followed by the fixed ones. */
export function outputsOf(blockType: BlockType<unknown, unknown>, config: Record<string, unknown>): OutputPort[] {
  const dynamic = blockType.dynamicOutputs;
  if (!dynamic) return blockType.outputs;
  const items = Array.isArray(config[dynamic.arrayKey]) ? (config[dynamic.arrayKey] as Record<string, unknown>[]) : [];
  const generated = items
    .filter((item) => item && typeof item[dynamic.idKey] === 'string')
    .map((item) => ({
      id: item[dynamic.idKey] as string,
      label: (item[dynamic.labelKey] as LocalizedText) ?? { 'zh-CN': String(item[dynamic.idKey]), en: String(item[dynamic.idKey]) },
      kind: dynamic.kind,
    }));
  return [...generated, ...blockType.outputs];
}
