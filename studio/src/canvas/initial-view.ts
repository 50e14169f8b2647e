import type { FlowDocument } from '../api/types.ts';

/**
 * Which blocks the first view frames: the start block and the next few along the links, so a long
 * product opens readable at its beginning instead of as a thumbnail ("fit view" shows everything).
 */
export function initialBlocks(document: FlowDocument, count = 5): { id: string }[] | undefined {
  if (document.blocks.length <= count) return undefined;
  const start = document.blocks.find((block) => block.type === 'application');
  if (!start) return undefined;
  const seen = new Set([start.id]);
  const queue = [start.id];
  while (queue.length && seen.size < count) {
    const current = queue.shift()!;
    for (const link of document.links) {
      if (link.from.block === current && !seen.has(link.to.block) && seen.size < count) {
        seen.add(link.to.block);
        queue.push(link.to.block);
      }
    }
  }
  return [...seen].map((id) => ({ id }));
}
