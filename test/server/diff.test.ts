import { describe, expect, it } from 'vitest';
import { diffDocuments, diffValues } from '../../server/engine/compiler/diff.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';

const block = (id: string, type: string, config: Record<string, unknown> = {}, x = 0) => ({ id, type, typeVersion: 1, config, position: { x, y: 0 } });
const link = (id: string, from: string, to: string) => ({ id, from: { block: from, port: 'out' }, to: { block: to, port: 'in' } });

const before: FlowDocument = {
  schemaVersion: 1,
  blocks: [block('start', 'application', { productId: 'p', name: { 'zh-CN': '甲', en: 'A' } }), block('cap', 'limit-range', { max: '100000' }), block('old', 'fee')],
  links: [link('l1', 'start', 'cap'), link('l2', 'cap', 'old')],
};

describe('version diff', () => {
  it('reports added, removed and changed blocks with field pointers, ignoring canvas positions', () => {
    const after: FlowDocument = {
      schemaVersion: 1,
      blocks: [before.blocks[0], block('cap', 'limit-range', { max: '200000' }, 500), block('new', 'repayment')],
      links: [link('l1', 'start', 'cap'), link('l3', 'cap', 'new')],
    };
    const diff = diffDocuments(before, after, 1, 2);
    expect(diff.blocks.added).toEqual([{ id: 'new', type: 'repayment' }]);
    expect(diff.blocks.removed).toEqual([{ id: 'old', type: 'fee' }]);
    expect(diff.blocks.changed).toEqual([{ id: 'cap', type: 'limit-range', fields: [{ pointer: '/config/max', before: '100000', after: '200000' }] }]);
    expect(diff.links.added.map((l) => l.id)).toEqual(['l3']);
    expect(diff.links.removed.map((l) => l.id)).toEqual(['l2']);
    expect(diff.product).toEqual([]);
  });

  it('reports start block changes as product metadata changes', () => {
    const after = structuredClone(before);
    after.blocks[0].config.name = { 'zh-CN': '甲', en: 'Alpha' };
    const diff = diffDocuments(before, after, 1, 'draft');
    expect(diff.product).toEqual([{ pointer: '/config/name/en', before: 'A', after: 'Alpha' }]);
    expect(diff.blocks.changed).toEqual([]);
  });

  it('matches links by endpoints, so a renamed link id is no change', () => {
    const after = structuredClone(before);
    after.links[0].id = 'renamed';
    expect(diffDocuments(before, after, 1, 2).links).toEqual({ added: [], removed: [] });
  });

  it('treats a first publication as everything added', () => {
    const diff = diffDocuments(null, before, null, 'draft');
    expect(diff.blocks.added.map((b) => b.id)).toEqual(['cap', 'old']);
    expect(diff.links.added).toHaveLength(2);
  });

  it('compares arrays element by element and escapes pointer segments', () => {
    expect(diffValues({ 'a/b': [1, 2] }, { 'a/b': [1, 3] })).toEqual([{ pointer: '/a~1b/1', before: 2, after: 3 }]);
    expect(diffValues([1], [1, 2])).toEqual([{ pointer: '', before: [1], after: [1, 2] }]);
  });
});
