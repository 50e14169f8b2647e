import { useCallback, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import {
  Background, MiniMap, ReactFlow, useReactFlow,
  type Connection, type EdgeChange, type FinalConnectionState, type NodeChange,
} from '@xyflow/react';
import type { BlockTypeInfo, FlowDocument, LocalizedText } from '../api/types.ts';
import type { FlowStore } from '../flow/flow-store.ts';
import { useFlowState } from '../flow/use-flow-state.ts';
import { useT } from '../i18n/use-t.ts';
import { toastStore } from '../app/toast-store.ts';
import { BlockNodeView } from './BlockNodeView.tsx';
import { LinkEdgeView } from './LinkEdge.tsx';
import type { NodeDecor } from './node-decor.ts';
import { createEdgeMapper, createNodeMapper, type BlockNode } from './to-react-flow.ts';
import { initialBlocks } from './initial-view.ts';
import { CanvasControls } from './CanvasControls.tsx';
import { FIT_VIEW } from './fit.ts';
import { useLinkRefusal } from './use-link-refusal.ts';

import { BLOCK_DRAG_TYPE } from './drag-type.ts';
const nodeTypes = { block: BlockNodeView };
const edgeTypes = { link: LinkEdgeView };
const NO_DECOR = new Map<string, NodeDecor>();

interface Props {
  store: FlowStore;
  types: ReadonlyMap<string, BlockTypeInfo>;
  document?: FlowDocument; // what to draw when it is not the store's document (derived product, review)
  decor?: ReadonlyMap<string, NodeDecor>;
  pathLinks?: ReadonlySet<string>;
  linkDiff?: ReadonlyMap<string, 'added' | 'removed'>;
  structureLocked?: boolean; // no moving, linking or dropping
  fitAll?: boolean; // first view frames every block (review), not just the beginning
  measured: Map<string, { width: number; height: number }>;
  summaries?: Readonly<Record<string, LocalizedText>>; // node subtitles from the last compile
}

/** The product canvas: React Flow over the flow store, with drop-from-palette and port-kind checks. */
export function FlowCanvas({ store, types, document, decor = NO_DECOR, pathLinks, linkDiff, structureLocked = false, fitAll = false, measured, summaries }: Props) {
  const { t, locale } = useT();
  const state = useFlowState(store);
  const flow = useReactFlow();
  const shown = document ?? state.document;
  const [measuredVersion, setMeasuredVersion] = useState(0);
  const toNodes = useMemo(createNodeMapper, []);
  const toEdges = useMemo(createEdgeMapper, []);
  const { refusal, isValidConnection, clear, lastRefusal } = useLinkRefusal(store);
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.zoomToFit'),
      'minimap.ariaLabel': t('canvas.minimap'),
      'node.a11yDescription.default': t('canvas.nodeHelp'),
      'edge.a11yDescription.default': t('canvas.edgeHelp'),
      'handle.ariaLabel': t('canvas.handle'),
    }),
    [t],
  );
  const [minimap, setMinimap] = useState(false);
  // The first render has no canvas to measure yet: the window less the side panels stands in for it.
  const [initialFit] = useState(() => ({
    ...FIT_VIEW,
    nodes: fitAll ? undefined : initialBlocks(document ?? store.getState().document, { width: window.innerWidth - 640, height: window.innerHeight - 140 }),
  }));

  const view = useMemo(
    () => ({
      types, decor, measured, locale, pathLinks, linkDiff, summaries, draggable: !structureLocked,
      selectedBlocks: new Set(state.selection.blocks), selectedLinks: new Set(state.selection.links),
    }),
    // measuredVersion: the measured map is mutated in place
    [types, decor, measured, measuredVersion, locale, pathLinks, linkDiff, summaries, structureLocked, state.selection],
  );
  const nodes = useMemo(() => toNodes(shown, view), [toNodes, shown, view]);
  const edges = useMemo(() => toEdges(shown, view), [toEdges, shown, view]);

  const onNodesChange = useCallback(
    (changes: NodeChange<BlockNode>[]) => {
      const moves: Record<string, { x: number; y: number }> = {};
      let dragging = false;
      let dropped = false;
      let sized = false;
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moves[change.id] = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
          dragging ||= !!change.dragging;
        } else if (change.type === 'position' && change.dragging === false) dropped = true;
        else if (change.type === 'dimensions' && change.dimensions) {
          measured.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
          sized = true;
        } else if (change.type === 'select') {
          selection ??= new Set(store.getState().selection.blocks);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (Object.keys(moves).length) store.move(moves, { transient: dragging });
      if (dropped) store.commitMove();
      if (sized) setMeasuredVersion((v) => v + 1);
      if (selection) store.select({ blocks: [...selection], links: store.getState().selection.links });
    },
    [store, measured],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let links: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        links ??= new Set(store.getState().selection.links);
        if (change.selected) links.add(change.id);
        else links.delete(change.id);
      }
      if (links) store.select({ blocks: store.getState().selection.blocks, links: [...links] });
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const result = store.connect({ block: connection.source, port: connection.sourceHandle ?? 'out' }, { block: connection.target, port: connection.targetHandle ?? 'in' });
      if (!result.ok) toastStore.show(result.refusal.message[locale], 'error');
      clear();
    },
    [store, clear, locale],
  );

  const onConnectEnd = useCallback(
    (_event: unknown, state: FinalConnectionState) => {
      if (state.toHandle && !state.isValid && lastRefusal.current) toastStore.show(lastRefusal.current.message[locale], 'error');
      clear();
      setPointer(null);
    },
    [clear, lastRefusal, locale],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(BLOCK_DRAG_TYPE);
      if (!type || structureLocked) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.add(type, { x: Math.round(position.x - 100), y: Math.round(position.y - 30) });
    },
    [flow, store, structureLocked],
  );

  const onMouseMove = useCallback(
    (event: MouseEvent) => {
      if (!lastRefusal.current) return;
      const box = wrapper.current?.getBoundingClientRect();
      if (box) setPointer({ x: event.clientX - box.left, y: event.clientY - box.top });
    },
    [lastRefusal],
  );

  return (
    <div className="canvas" role="region" ref={wrapper} onMouseMove={onMouseMove} aria-label={t('editor.canvas')}>
      <ReactFlow<BlockNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDrop={onDrop}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        nodesConnectable={!structureLocked}
        nodesDraggable={!structureLocked}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={initialFit}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ariaLabels}
      >
        <Background gap={20} size={1} />
        {minimap && (
          <MiniMap pannable zoomable ariaLabel={t('canvas.minimap')} style={{ width: 160, height: 100 }} nodeClassName={(node) => `minimap-${(node as BlockNode).data.blockType?.category ?? 'unknown'}`} />
        )}
      </ReactFlow>
      <CanvasControls minimap={minimap} onMinimap={setMinimap} />
      {refusal && (
        <div className="refusal-tip" role="alert" style={pointer ? { left: pointer.x + 16, top: pointer.y + 16 } : undefined}>
          ⛔ {refusal.message[locale]}
        </div>
      )}
    </div>
  );
}
