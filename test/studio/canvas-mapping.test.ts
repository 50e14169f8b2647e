import { describe, expect, it } from 'vitest';
import { FlowStore } from '../../studio/src/flow/flow-store.ts';
import { createEdgeMapper, createNodeMapper, type ViewInputs } from '../../studio/src/canvas/to-react-flow.ts';
import { mergeOverrides, overridesFor, withBlockOverrides } from '../../studio/src/flow/overrides.ts';
import type { FlowDocument } from '../../studio/src/api/types.ts';
import { catalog } from './catalog-fixture.ts';

const view = (overrides: Partial<ViewInputs> = {}): ViewInputs => ({
  types: new Map(catalog.map((t) => [t.type, t])),
  selectedBlocks: new Set(),
  selectedLinks: new Set(),
  decor: new Map(),
  measured: new Map(),
  locale: 'zh-CN',
  draggable: true,
  ...overrides,
});

function flow() {
  const store = new FlowStore({ schemaVersion: 1, blocks: [], links: [] }, catalog);
  const start = store.add('application', { x: 0, y: 0 });
  const gate = store.add('age-gate', { x: 300, y: 0 });
  const decline = store.add('decline', { x: 600, y: 100 });
  store.connect({ block: start, port: 'out' }, { block: gate, port: 'in' });
  store.connect({ block: gate, port: 'fail' }, { block: decline, port: 'in' });
  return { store, start, gate, decline };
}

describe('mapping the flow document to React Flow', () => {
  it('keeps the node and edge objects of untouched blocks when one block moves', () => {
    const { store, gate, decline } = flow();
    const toNodes = createNodeMapper();
    const toEdges = createEdgeMapper();
    const before = toNodes(store.getState().document, view());
    const edgesBefore = toEdges(store.getState().document, view());
    store.move({ [decline]: { x: 700, y: 200 } }, { transient: true });
    const after = toNodes(store.getState().document, view());
    const edgesAfter = toEdges(store.getState().document, view());
    expect(after.find((n) => n.id === gate)).toBe(before.find((n) => n.id === gate));
    expect(after.find((n) => n.id === decline)).not.toBe(before.find((n) => n.id === decline));
    expect(after.find((n) => n.id === decline)?.position).toEqual({ x: 700, y: 200 });
    expect(edgesAfter).toEqual(edgesBefore);
    expect(edgesAfter[0]).toBe(edgesBefore[0]);
  });

  it('draws a link from a fail port as a rejection edge, with port handles named after the ports', () => {
    const { store, gate } = flow();
    const [toGate, toDecline] = createEdgeMapper()(store.getState().document, view());
    expect(toGate).toMatchObject({ target: gate, targetHandle: 'in', className: 'edge-application' });
    expect(toDecline).toMatchObject({ source: gate, sourceHandle: 'fail', className: 'edge-rejection' });
  });

  it('puts nothing of the view model into the document', () => {
    const { store, gate } = flow();
    store.select({ blocks: [gate] });
    createNodeMapper()(store.getState().document, view({ selectedBlocks: new Set([gate]), measured: new Map([[gate, { width: 220, height: 80 }]]) }));
    const saved = JSON.stringify(store.getState().document);
    expect(saved).not.toMatch(/selected|measured|width|data/);
  });
});

describe('derived product overrides', () => {
  const base: FlowDocument = {
    schemaVersion: 1,
    blocks: [
      { id: 'start', type: 'application', typeVersion: 1, config: { productId: 'base', channels: ['app'] }, position: { x: 0, y: 0 } },
      { id: 'age', type: 'age-gate', typeVersion: 1, config: { minAge: 18, maxAge: 65, ageSource: 'age' }, position: { x: 300, y: 0 } },
    ],
    links: [],
  };
  const derived: FlowDocument = { schemaVersion: 1, blocks: [], links: [], base: { productId: 'base', version: 1 } };

  it('stores only the fields that differ from the base, and drops them again on reset', () => {
    const changed = overridesFor(base.blocks[1], { minAge: 18, maxAge: 60, ageSource: 'age' });
    expect(changed).toEqual({ maxAge: 60 });
    const next = withBlockOverrides(derived, base.blocks[1], changed);
    expect(next.overrides).toEqual({ blocks: { age: { maxAge: 60 } } });
    expect(mergeOverrides(base, next).blocks[1].config.maxAge).toBe(60);
    expect(withBlockOverrides(next, base.blocks[1], {}).overrides).toBeUndefined();
  });

  it('writes the start block’s overrides to the product overrides', () => {
    const next = withBlockOverrides(derived, base.blocks[0], { productId: 'derived' });
    expect(next.overrides).toEqual({ product: { productId: 'derived' } });
    expect(mergeOverrides(base, next).blocks[0].config).toEqual({ productId: 'derived', channels: ['app'] });
  });
});
