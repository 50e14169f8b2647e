import type { Edge, Node } from '@xyflow/react';
import type { BlockTypeInfo, FlowBlock, FlowDocument, FlowLink, Locale, LocalizedText, OutputPort } from '../api/types.ts';
import { outputsOf } from '../flow/ports.ts';
import { decorKey, type NodeDecor } from './node-decor.ts';
import { wrapCorridor } from './wrap-corridor.ts';

export interface BlockNodeData extends Record<string, unknown> {
  block: FlowBlock;
  blockType?: BlockTypeInfo;
  outputs: OutputPort[];
  decor?: NodeDecor;
  locale: Locale;
  summary?: LocalizedText; // the server's subtitle for this block (its type's summarize)
}

export type BlockNode = Node<BlockNodeData, 'block'>;

export interface ViewInputs {
  types: ReadonlyMap<string, BlockTypeInfo>;
  selectedBlocks: ReadonlySet<string>;
  selectedLinks: ReadonlySet<string>;
  decor: ReadonlyMap<string, NodeDecor>;
  measured: ReadonlyMap<string, { width: number; height: number }>;
  locale: Locale;
  draggable: boolean;
  pathLinks?: ReadonlySet<string>; // links on the simulated path (others dimmed)
  linkDiff?: ReadonlyMap<string, 'added' | 'removed'>;
  summaries?: Readonly<Record<string, LocalizedText>>;
}

/**
 * The boundary between our FlowDocument and React Flow's view model. Node objects are cached per
 * block object so an unchanged block keeps the same node (memoized node components skip render).
 */
export function createNodeMapper() {
  const cache = new WeakMap<FlowBlock, { key: string; node: BlockNode }>();
  return function toNodes(document: FlowDocument, view: ViewInputs): BlockNode[] {
    return document.blocks.map((block) => {
      const blockType = view.types.get(block.type);
      const decor = view.decor.get(block.id);
      const size = view.measured.get(block.id);
      const selected = view.selectedBlocks.has(block.id);
      const summary = view.summaries?.[block.id];
      const key = `${blockType?.version}|${decorKey(decor)}|${size?.width}x${size?.height}|${selected}|${view.locale}|${view.draggable}|${summary?.[view.locale]}`;
      const hit = cache.get(block);
      if (hit && hit.key === key) return hit.node;
      const node: BlockNode = {
        id: block.id,
        type: 'block',
        position: block.position,
        data: { block, blockType, outputs: outputsOf(blockType, block.config), decor, locale: view.locale, ...(summary ? { summary } : {}) },
        selected,
        draggable: view.draggable,
        ...(size ? { measured: size, width: size.width, height: size.height } : {}),
      };
      cache.set(block, { key, node });
      return node;
    });
  };
}

/**
 * Links → edges; a link from a rejection (fail) port is drawn dashed red. Edge objects are cached
 * per link object so a drag (which changes one block) does not re-render every edge.
 */
export function createEdgeMapper() {
  const cache = new WeakMap<FlowLink, { key: string; edge: Edge }>();
  return function toEdges(document: FlowDocument, view: ViewInputs): Edge[] {
    const blocks = new Map(document.blocks.map((block) => [block.id, block]));
    return document.links.map((link) => {
      const source = blocks.get(link.from.block);
      const kind = source ? outputsOf(view.types.get(source.type), source.config).find((port) => port.id === link.from.port)?.kind : undefined;
      const classes = [kind === 'rejection' ? 'edge-rejection' : 'edge-application'];
      if (view.pathLinks) classes.push(view.pathLinks.has(link.id) ? 'edge-path' : 'edge-dim');
      const diff = view.linkDiff?.get(link.id);
      if (diff) classes.push(`edge-diff-${diff}`);
      const className = classes.join(' ');
      const selected = view.selectedLinks.has(link.id);
      const target = blocks.get(link.to.block);
      const corridorY = source && target ? wrapCorridor(source, target, document.blocks, view.measured) : undefined;
      const key = `${className}|${selected}|${corridorY}|${source?.position.x},${source?.position.y}|${target?.position.x},${target?.position.y}`;
      const hit = cache.get(link);
      if (hit && hit.key === key) return hit.edge;
      const edge: Edge = {
        id: link.id,
        source: link.from.block,
        sourceHandle: link.from.port,
        target: link.to.block,
        targetHandle: link.to.port,
        selected,
        className,
        type: 'link',
        data: corridorY === undefined ? {} : { corridorY },
        animated: view.pathLinks?.has(link.id) ?? false,
      };
      cache.set(link, { key, edge });
      return edge;
    });
  };
}
