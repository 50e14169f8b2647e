import { describe, expect, it } from 'vitest';
import type { FlowBlock } from '../../studio/src/api/types.ts';
import { wrapCorridor } from '../../studio/src/canvas/wrap-corridor.ts';

const block = (id: string, x: number, y: number): FlowBlock => ({ id, type: 't', typeVersion: 1, config: {}, position: { x, y } });
const size = { width: 200, height: 100 };

describe('links that wrap to the next row', () => {
  it('run below every block of the source row, stacked branches included, and above the next row', () => {
    // row 1: a (0,0) then a column of three stacked branches ending with b at x 248; row 2 starts at y 400
    const blocks = [block('a', 0, 0), block('s1', 248, 0), block('s2', 248, 116), block('b', 248, 232), block('c', 0, 400)];
    const measured = new Map(blocks.map((b) => [b.id, size]));
    const y = wrapCorridor(blocks[1]!, blocks[4]!, blocks, measured)!;
    expect(y).toBeGreaterThan(332); // below b, the lowest branch (232 + 100)
    expect(y).toBeLessThan(400); // above the next row
  });

  it('leave a link that goes right alone', () => {
    const blocks = [block('a', 0, 0), block('b', 248, 0)];
    expect(wrapCorridor(blocks[0]!, blocks[1]!, blocks, new Map())).toBeUndefined();
  });
});
