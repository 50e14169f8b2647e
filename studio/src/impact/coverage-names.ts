import type { BlockTypeInfo, FlowDocument, Locale } from '../api/types.ts';
import { blockTitle } from '../canvas/block-name.ts';
import { outputsOf } from '../flow/ports.ts';
import { namedItems } from '../simulator/fact-labels.ts';

/** An item the suite's coverage lists as not reached, as the server names it (block, port, rule or pricing-table row ids). */
export interface CoverageItem {
  blockId: string;
  port?: string;
  ruleId?: string;
  rowId?: string;
}

const ROW = { 'zh-CN': (n: number) => `第 ${n} 行`, en: (n: number) => `row ${n}` };

/**
 * What a product manager calls an unreached item: the block's name as the canvas shows it, then
 * the branch's label ("年龄准入 › 不通过"), the rule's id and name ("准入规则 › R002 多头借贷"), or the
 * pricing table's row (named, else numbered) —
 * never the ids the document stores. An item whose block is gone keeps its ids.
 */
export function coverageItemName(item: CoverageItem, document: FlowDocument, types: Map<string, BlockTypeInfo>, locale: Locale): string {
  const block = document.blocks.find((candidate) => candidate.id === item.blockId);
  if (!block) return [item.blockId, item.port ?? item.ruleId ?? item.rowId].filter(Boolean).join(' › ');
  const blockType = types.get(block.type);
  const name = blockTitle(block, blockType, locale);
  if (item.port !== undefined) {
    const port = outputsOf(blockType, block.config).find((candidate) => candidate.id === item.port);
    return `${name} › ${port?.label[locale] ?? item.port}`;
  }
  const named = namedItems(block.config, locale); // "R002 多头借贷": the id a rule-heavy bank searches by, and the name
  if (item.ruleId !== undefined) return `${name} › ${named.get(item.ruleId) ?? item.ruleId}`;
  if (item.rowId !== undefined) {
    if (named.has(item.rowId)) return `${name} › ${named.get(item.rowId)}`;
    const rows = Array.isArray(block.config.rows) ? (block.config.rows as { id?: string }[]) : [];
    const byId = rows.findIndex((row) => row.id === item.rowId);
    const index = byId >= 0 ? byId + 1 : Number(/^#(\d+)$/.exec(item.rowId)?.[1]);
    return `${name} › ${Number.isInteger(index) && index > 0 ? ROW[locale](index) : item.rowId}`;
  }
  return name;
}
