import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDocument, FlowLink } from '../../studio/src/api/types.ts';
import { DEFAULT_BLOCK_SIZE, layoutPositions } from '../../studio/src/flow/layout.ts';

const example = (id: string) => JSON.parse(fs.readFileSync(new URL(`../../examples/${id}/flow.json`, import.meta.url), 'utf8')) as FlowDocument;
const CANVAS = { width: 840, height: 780 }; // the editor's canvas in a 1440×900 window

/** The zoom at which the laid-out product fits the canvas (40/24 px margins), from the positions alone. */
function fitZoom(positions: Record<string, { x: number; y: number }>): number {
  const xs = Object.values(positions).map((p) => p.x);
  const ys = Object.values(positions).map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs) + DEFAULT_BLOCK_SIZE.width;
  const height = Math.max(...ys) - Math.min(...ys) + DEFAULT_BLOCK_SIZE.height;
  return Math.min(1, (CANVAS.width - 80) / width, (CANVAS.height - 48) / height);
}

const overlapping = (positions: Record<string, { x: number; y: number }>) => {
  const boxes = Object.entries(positions);
  return boxes.flatMap(([a, p], i) =>
    boxes.slice(i + 1).filter(([, q]) => Math.abs(p.x - q.x) < DEFAULT_BLOCK_SIZE.width && Math.abs(p.y - q.y) < DEFAULT_BLOCK_SIZE.height).map(([b]) => `${a}×${b}`),
  );
};

function chain(count: number, failTo?: string): FlowDocument {
  const blocks = Array.from({ length: count }, (_, i) => ({ id: `b${i}`, type: 't', typeVersion: 1, config: {}, position: { x: 0, y: 0 } }));
  const links: FlowLink[] = blocks.slice(1).map((block, i) => ({ id: `l${i}`, from: { block: `b${i}`, port: 'pass' }, to: { block: block.id, port: 'in' } }));
  if (failTo) {
    blocks.push({ id: failTo, type: 'decline', typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
    links.push({ id: 'fail', from: { block: 'b1', port: 'fail' }, to: { block: failTo, port: 'in' } });
  }
  return { schemaVersion: 1, blocks, links };
}

describe('automatic layout', () => {
  it('fits the 17-block mortgage-fast product on a 1440×900 canvas at 70 % or more, no block over another', () => {
    const positions = layoutPositions(example('mortgage-fast'), {}, { viewport: CANVAS });
    expect(Object.keys(positions)).toHaveLength(17);
    expect(fitZoom(positions)).toBeGreaterThanOrEqual(0.7);
    expect(overlapping(positions)).toEqual([]);
  });

  it('fits a 40-block chain at 50 % or more by wrapping it into rows that read left to right', () => {
    const positions = layoutPositions(chain(40), {}, { viewport: CANVAS });
    expect(fitZoom(positions)).toBeGreaterThanOrEqual(0.5);
    expect(overlapping(positions)).toEqual([]);
    for (let i = 1; i < 40; i += 1) {
      const [before, after] = [positions[`b${i - 1}`]!, positions[`b${i}`]!];
      expect(after.x > before.x || after.y > before.y).toBe(true); // right on the same row, or on a later row
    }
  });

  it('puts a block reached only through a fail port in a lane below the gate that sends it there', () => {
    const positions = layoutPositions(chain(6, 'no'), {}, { viewport: CANVAS, isRejection: (link) => link.from.port === 'fail' });
    expect(positions.no!.y).toBeGreaterThanOrEqual(positions.b1!.y + DEFAULT_BLOCK_SIZE.height);
    expect(positions.no!.x).toBe(positions.b1!.x);
    expect(positions.b2!.y).toBe(positions.b1!.y); // the main path stays on its row
  });

  it('keeps router branches on one row: salaried segments A–E each have their limit and price side by side', () => {
    const positions = layoutPositions(example('salaried'), {}, { viewport: CANVAS });
    for (const segment of ['a', 'b', 'c', 'd', 'e']) {
      expect(positions[`price-${segment}`]!.y).toBe(positions[`limit-${segment}`]!.y);
      expect(positions[`price-${segment}`]!.x).toBeGreaterThan(positions[`limit-${segment}`]!.x);
    }
  });
});
