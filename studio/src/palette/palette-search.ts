import type { BlockCategory, BlockTypeInfo } from '../api/types.ts';

export const CATEGORY_ORDER: BlockCategory[] = ['start', 'eligibility', 'segment', 'limit', 'pricing', 'fee', 'repayment', 'outcome'];

/** Matches a block type against a query: titles in both languages, type name, keywords. */
export function matches(blockType: BlockTypeInfo, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [blockType.type, blockType.title['zh-CN'], blockType.title.en, ...blockType.keywords].join(' ').toLowerCase();
  return needle.split(/\s+/).every((word) => haystack.includes(word));
}

/** Block types grouped by category, in palette order (categories from the catalog first). */
export function groupByCategory(blockTypes: BlockTypeInfo[], query: string, categories: string[] = CATEGORY_ORDER): [string, BlockTypeInfo[]][] {
  const order = [...categories, ...CATEGORY_ORDER.filter((c) => !categories.includes(c))];
  const groups = new Map<string, BlockTypeInfo[]>(order.map((category) => [category, []]));
  for (const blockType of blockTypes) {
    if (!matches(blockType, query)) continue;
    const list = groups.get(blockType.category) ?? [];
    list.push(blockType);
    groups.set(blockType.category, list);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}
