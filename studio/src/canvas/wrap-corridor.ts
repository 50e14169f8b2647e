import type { FlowBlock } from '../api/types.ts';
import { DEFAULT_BLOCK_SIZE, type Size } from '../flow/layout.ts';

/** Blocks stacked in one column of a row stand closer than this (layout.ts: 16 apart; rows are 40 apart). */
const STACK_SLACK = 28;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const boxOf = (block: FlowBlock, measured: ReadonlyMap<string, Size>): Box => {
  const size = measured.get(block.id) ?? DEFAULT_BLOCK_SIZE;
  return { top: block.position.y, bottom: block.position.y + size.height, left: block.position.x, right: block.position.x + size.width };
};

/**
 * Where a link that wraps from the end of one row to the start of the next runs across: the free
 * strip between the rows (below every block of the source's row), so it never crosses a block.
 * Undefined when the link does not wrap (its target is right of its source, or not below it).
 */
export function wrapCorridor(from: FlowBlock, to: FlowBlock, blocks: readonly FlowBlock[], measured: ReadonlyMap<string, Size>): number | undefined {
  const source = boxOf(from, measured);
  const target = boxOf(to, measured);
  if (target.left >= source.right || target.top < source.bottom) return undefined;
  const boxes = blocks.map((block) => boxOf(block, measured)).filter((box) => box.top < target.top);
  // The source's row: every block that overlaps it vertically, directly or through another.
  let bottom = source.bottom;
  let grew = true;
  while (grew) {
    grew = false;
    for (const box of boxes) {
      if (box.top < bottom + STACK_SLACK && box.bottom > bottom) {
        bottom = box.bottom;
        grew = true;
      }
    }
  }
  const below = blocks.map((block) => boxOf(block, measured).top).filter((top) => top >= bottom);
  const next = below.length ? Math.min(...below) : bottom + 48;
  return (bottom + next) / 2;
}
