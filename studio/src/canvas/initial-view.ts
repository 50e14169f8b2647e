import type { FlowDocument } from '../api/types.ts';
import { DEFAULT_BLOCK_SIZE, DEFAULT_VIEWPORT, LAYOUT_FIT_PADDING, type Size } from '../flow/layout.ts';

/** Below this zoom the whole product is a thumbnail: open at its beginning instead. */
const LEGIBLE_ZOOM = 0.5;

/**
 * Which blocks the first view frames: every block when the whole product fits `viewport` legibly
 * (a laid-out product does), otherwise the start block and the next few along the links, so a long
 * or messy product opens readable at its beginning instead of as a thumbnail.
 */
export function initialBlocks(document: FlowDocument, viewport: Size = DEFAULT_VIEWPORT, count = 5): { id: string }[] | undefined {
  if (document.blocks.length <= count) return undefined;
  const xs = document.blocks.map((block) => block.position.x);
  const ys = document.blocks.map((block) => block.position.y);
  const width = Math.max(...xs) - Math.min(...xs) + DEFAULT_BLOCK_SIZE.width;
  const height = Math.max(...ys) - Math.min(...ys) + DEFAULT_BLOCK_SIZE.height;
  const zoom = Math.min((viewport.width - 2 * LAYOUT_FIT_PADDING.x) / width, (viewport.height - 2 * LAYOUT_FIT_PADDING.y) / height);
  if (zoom >= LEGIBLE_ZOOM) return undefined;
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
