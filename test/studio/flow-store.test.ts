import { describe, expect, it } from 'vitest';
import { FlowStore } from '../../studio/src/flow/flow-store.ts';
import type { FlowDocument } from '../../studio/src/api/types.ts';
import { catalog } from './catalog-fixture.ts';

const empty = (): FlowDocument => ({ schemaVersion: 1, blocks: [], links: [] });

/** application → age gate, with the gate's fail port free. */
function startedFlow() {
  let clock = 0;
  const store = new FlowStore(empty(), catalog, { now: () => (clock += 5000) });
  const start = store.add('application', { x: 0, y: 0 });
  const gate = store.add('age-gate', { x: 300, y: 0 });
  const linked = store.connect({ block: start, port: 'out' }, { block: gate, port: 'in' });
  if (!linked.ok) throw new Error('setup link refused');
  return { store, start, gate };
}

describe('flow store', () => {
  it('adds a block with its type defaults and selects it', () => {
    const store = new FlowStore(empty(), catalog);
    const id = store.add('age-gate', { x: 10, y: 20 });
    const { document, selection } = store.getState();
    expect(id).toBe('age-gate-1');
    expect(document.blocks[0]).toMatchObject({ id, type: 'age-gate', typeVersion: 1, config: { minAge: 18, maxAge: 65 }, position: { x: 10, y: 20 } });
    expect(selection.blocks).toEqual([id]);
  });

  it('gives every new block a fresh id', () => {
    const store = new FlowStore(empty(), catalog);
    expect(store.add('age-gate', { x: 0, y: 0 })).not.toBe(store.add('age-gate', { x: 0, y: 0 }));
  });

  it('undoing a delete restores the block and its links', () => {
    const { store, gate } = startedFlow();
    const before = store.getState().document;
    store.delete([gate]);
    expect(store.getState().document.blocks.map((b) => b.id)).not.toContain(gate);
    expect(store.getState().document.links).toHaveLength(0);
    store.undo();
    expect(store.getState().document).toEqual(before);
    store.redo();
    expect(store.getState().document.links).toHaveLength(0);
  });

  it('refuses a link from a fail port to a limit block with the reason', () => {
    const { store, gate } = startedFlow();
    const limit = store.add('limit-range', { x: 600, y: 0 });
    const result = store.connect({ block: gate, port: 'fail' }, { block: limit, port: 'in' });
    expect(result).toMatchObject({ ok: false, refusal: { code: 'PORT_KIND_MISMATCH' } });
    if (!result.ok) expect(result.refusal.message['zh-CN']).toBe('失败分支只能连接到转人工或拒绝');
    expect(store.getState().document.links).toHaveLength(1);
  });

  it('lets a fail port lead to a decline', () => {
    const { store, gate } = startedFlow();
    const decline = store.add('decline', { x: 600, y: 200 });
    expect(store.connect({ block: gate, port: 'fail' }, { block: decline, port: 'in' }).ok).toBe(true);
  });

  it('refuses a second link from one output, a loop and a link to itself', () => {
    const { store, start, gate } = startedFlow();
    const limit = store.add('limit-range', { x: 600, y: 0 });
    store.connect({ block: gate, port: 'pass' }, { block: limit, port: 'in' });
    const other = store.add('limit-range', { x: 600, y: 200 });
    expect(store.checkLink({ block: gate, port: 'pass' }, { block: other, port: 'in' })?.code).toBe('PORT_ALREADY_LINKED');
    expect(store.checkLink({ block: limit, port: 'out' }, { block: gate, port: 'in' })?.code).toBe('CYCLE');
    expect(store.checkLink({ block: limit, port: 'out' }, { block: limit, port: 'in' })?.code).toBe('LINK_SELF');
    expect(store.checkLink({ block: other, port: 'out' }, { block: start, port: 'in' })?.code).toBe('PORT_UNKNOWN');
  });

  it('connects to router branches generated from the config', () => {
    const store = new FlowStore(empty(), catalog);
    const router = store.add('segment-switch', { x: 0, y: 0 });
    const limit = store.add('limit-range', { x: 300, y: 0 });
    expect(store.checkLink({ block: router, port: 'vip' }, { block: limit, port: 'in' })?.code).toBe('PORT_UNKNOWN');
    store.updateConfig(router, { branches: [{ id: 'vip', label: { 'zh-CN': '优质', en: 'VIP' } }] });
    expect(store.connect({ block: router, port: 'vip' }, { block: limit, port: 'in' }).ok).toBe(true);
  });

  it('makes a whole drag one undo step', () => {
    const { store, gate } = startedFlow();
    store.move({ [gate]: { x: 310, y: 5 } }, { transient: true });
    store.move({ [gate]: { x: 400, y: 50 } }, { transient: true });
    store.commitMove();
    expect(store.block(gate)?.position).toEqual({ x: 400, y: 50 });
    store.undo();
    expect(store.block(gate)?.position).toEqual({ x: 300, y: 0 });
  });

  it('coalesces typing in one form into one undo step', () => {
    const store = new FlowStore(empty(), catalog, { now: () => 0 });
    const gate = store.add('age-gate', { x: 0, y: 0 });
    store.updateConfig(gate, { minAge: 2, maxAge: 65, ageSource: 'age' });
    store.updateConfig(gate, { minAge: 22, maxAge: 65, ageSource: 'age' });
    store.undo();
    expect(store.block(gate)?.config.minAge).toBe(18);
  });

  it('pastes copies with fresh ids and their inner links, offset and selected', () => {
    const { store, start, gate } = startedFlow();
    store.select({ blocks: [start, gate] });
    const pasted = store.paste(store.copy());
    const { document, selection } = store.getState();
    expect(pasted).toHaveLength(2);
    expect(document.blocks).toHaveLength(4);
    expect(document.links).toHaveLength(2);
    expect(selection.blocks).toEqual(pasted);
    const copy = store.block(pasted[1])!;
    expect(copy.position).toEqual({ x: 340, y: 40 });
    expect(document.links[1].from.block).toBe(pasted[0]);
  });

  it('pastes the same clipboard twice without stacking the second copy on the first', () => {
    const { store, gate } = startedFlow();
    store.select({ blocks: [gate] });
    const clipboard = store.copy();
    const first = store.paste(clipboard);
    const second = store.paste(clipboard);
    expect(store.block(first[0])!.position).toEqual({ x: 340, y: 40 });
    expect(store.block(second[0])!.position).toEqual({ x: 380, y: 80 });
  });

  it('lays blocks out left to right along the links', () => {
    const { store, start, gate } = startedFlow();
    store.move({ [gate]: { x: -500, y: 300 } });
    store.autoLayout();
    expect(store.block(gate)!.position.x).toBeGreaterThan(store.block(start)!.position.x);
    store.undo();
    expect(store.block(gate)!.position).toEqual({ x: -500, y: 300 });
  });

  it('keeps selection out of the document and out of the history', () => {
    const { store, gate } = startedFlow();
    const document = store.getState().document;
    store.select({ blocks: [gate] });
    expect(store.getState().document).toBe(document);
    expect(JSON.stringify(document)).not.toContain('selected');
  });

  it('refuses structural edits on a read-only (inherited) flow', () => {
    const { store, start, gate } = startedFlow();
    store.readOnly = true;
    store.delete([gate]);
    expect(store.getState().document.blocks).toHaveLength(2);
    expect(store.checkLink({ block: start, port: 'out' }, { block: gate, port: 'in' })?.code).toBe('READ_ONLY');
  });
});
