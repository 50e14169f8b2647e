import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';

const catalog = defaultCatalog();
const start = catalog.blockTypes.get('application')!;

/** The studio's empty product (the start block with its defaults) plus one block as the palette drops it. */
function dropped(type: string): FlowDocument {
  const blockType = catalog.blockTypes.get(type)!;
  return {
    schemaVersion: 1,
    blocks: [
      { id: 'start', type: 'application', typeVersion: start.version, config: structuredClone(start.defaults) as Record<string, unknown>, position: { x: 0, y: 0 } },
      { id: 'dropped', type, typeVersion: blockType.version, config: structuredClone(blockType.defaults) as Record<string, unknown>, position: { x: 300, y: 0 } },
    ],
    links: [],
  };
}

describe('a block as the palette drops it', () => {
  const types = [...catalog.blockTypes.keys()].filter((type) => type !== 'application');
  it.each(types)('%s: its defaults compile without an error of its own against the default start block', (type) => {
    const own = compile(dropped(type), { catalog }).diagnostics.filter((d) => d.severity === 'error' && d.blockId === 'dropped');
    expect(own.map((d) => `${d.code} ${d.pointer} ${d.message.en}`)).toEqual([]);
  });
});
