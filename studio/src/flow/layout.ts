import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '../api/types.ts';

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_BLOCK_SIZE: Size = { width: 220, height: 80 };

/** Left-to-right layered layout (dagre). Returns each block's new top-left position. */
export function layoutPositions(document: FlowDocument, sizes: Record<string, Size> = {}): Record<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 60, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const block of document.blocks) {
    const size = sizes[block.id] ?? DEFAULT_BLOCK_SIZE;
    graph.setNode(block.id, { width: size.width, height: size.height });
  }
  const ids = new Set(document.blocks.map((block) => block.id));
  for (const link of document.links) {
    if (ids.has(link.from.block) && ids.has(link.to.block)) graph.setEdge(link.from.block, link.to.block);
  }
  dagre.layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const block of document.blocks) {
    const node = graph.node(block.id);
    const size = sizes[block.id] ?? DEFAULT_BLOCK_SIZE;
    positions[block.id] = { x: Math.round(node.x - size.width / 2), y: Math.round(node.y - size.height / 2) };
  }
  return positions;
}
