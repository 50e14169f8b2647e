import type { BlockTypeInfo, FlowBlock, InputPort, LocalizedText, OutputPort } from '../api/types.ts';

/** A block's outputs: the dynamic ones from its config (router branches) followed by the fixed ones. */
export function outputsOf(blockType: BlockTypeInfo | undefined, config: Record<string, unknown>): OutputPort[] {
  if (!blockType) return [];
  const dynamic = blockType.dynamicOutputs;
  if (!dynamic) return blockType.outputs;
  const items = Array.isArray(config[dynamic.arrayKey]) ? (config[dynamic.arrayKey] as Record<string, unknown>[]) : [];
  const generated = items
    .filter((item) => item && typeof item[dynamic.idKey] === 'string')
    .map((item) => {
      const id = item[dynamic.idKey] as string;
      const label = (item[dynamic.labelKey] as LocalizedText | undefined) ?? { 'zh-CN': id, en: id };
      return { id, label: typeof label === 'string' ? { 'zh-CN': label, en: label } : label, kind: dynamic.kind };
    });
  return [...generated, ...blockType.outputs];
}

export function inputsOf(blockType: BlockTypeInfo | undefined): InputPort[] {
  return blockType?.inputs ?? [];
}

/** Looks up a block's output port by id. */
export function outputPort(blockType: BlockTypeInfo | undefined, block: FlowBlock, portId: string): OutputPort | undefined {
  return outputsOf(blockType, block.config).find((port) => port.id === portId);
}

export function inputPort(blockType: BlockTypeInfo | undefined, portId: string): InputPort | undefined {
  return inputsOf(blockType).find((port) => port.id === portId);
}
