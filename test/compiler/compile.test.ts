import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { smallConsumerFlow } from '../fixtures/small-flow.ts';

const catalog = defaultCatalog();
const run = (document: unknown) => compile(document, { catalog });
const codes = (document: unknown) => run(document).diagnostics.map((d) => d.code);
const edit = (change: (doc: FlowDocument) => void): FlowDocument => {
  const doc = smallConsumerFlow();
  change(doc);
  return doc;
};
const blockById = (doc: FlowDocument, id: string) => doc.blocks.find((b) => b.id === id)!;

describe('compile', () => {
  it('compiles the small consumer flow into a hashed definition without errors', () => {
    const result = run(smallConsumerFlow());
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.product?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.product?.blocks.map((b) => b.id)).toEqual(['start', 'age', 'bureau', 'income', 'reject', 'cap', 'price', 'bounds', 'repay', 'approve']);
    expect(catalog.schemas.check('https://schemas.loan-blocks.dev/product.schema.json', result.product)).toEqual([]);
  });

  it('gives the same hash for the same content whatever the key order, and another for a change', () => {
    const a = run(smallConsumerFlow()).product!;
    const reordered = JSON.parse(JSON.stringify(smallConsumerFlow(), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
    expect(run(reordered).product!.hash).toBe(a.hash);
    const changed = edit((doc) => {
      blockById(doc, 'cap').config.max = '90000';
    });
    expect(run(changed).product!.hash).not.toBe(a.hash);
  });

  it('describes the application fields the blocks read, requiring what a decision needs', () => {
    const schema = run(smallConsumerFlow()).product!.applicationSchema as { properties: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; required?: string[] };
    expect(schema.required).toContain('applicant');
    expect(Object.keys(schema.properties.applicant.properties!)).toEqual(expect.arrayContaining(['age', 'monthlyIncome', 'bureau']));
    expect(schema.properties.applicant.required).toEqual(expect.arrayContaining(['age', 'monthlyIncome']));
    expect(schema.properties.collateral).toBeUndefined();
  });

  it('refuses a document that is not a flow document, pointing at the field', () => {
    expect(run({ schemaVersion: 1, blocks: [{ id: 'x' }], links: [] }).diagnostics).toContainEqual(expect.objectContaining({ code: 'DOCUMENT_INVALID', pointer: '/blocks/0/type' }));
    expect(codes(null)).toEqual(['DOCUMENT_INVALID']);
    expect(codes('flow')).toEqual(['DOCUMENT_INVALID']);
  });

  it('reports an unknown block type at the block', () => {
    const doc = edit((d) => {
      blockById(d, 'income').type = 'income-multipel';
    });
    expect(run(doc).diagnostics).toContainEqual(expect.objectContaining({ code: 'BLOCK_TYPE_UNKNOWN', blockId: 'income', pointer: '/blocks/3/type' }));
    expect(run(doc).product).toBeUndefined();
  });

  it('reports a block version newer than the installed block type', () => {
    const doc = edit((d) => {
      blockById(d, 'age').typeVersion = 9;
    });
    expect(run(doc).diagnostics).toContainEqual(expect.objectContaining({ code: 'BLOCK_VERSION_UNKNOWN', blockId: 'age', pointer: '/blocks/1/typeVersion' }));
  });

  it('reports a wrong config value at its field', () => {
    const doc = edit((d) => {
      blockById(d, 'age').config.minAge = 'eighteen';
    });
    expect(run(doc).diagnostics).toContainEqual(expect.objectContaining({ code: 'CONFIG_INVALID', blockId: 'age', pointer: '/blocks/1/config/minAge' }));
  });

  it('words a config error in Chinese for the Chinese reader, and keeps the schema wording in English', () => {
    const doc = edit((d) => {
      const age = blockById(d, 'age').config;
      delete age.minAge; // required
      age.maxAge = 'sixty'; // wrong type
      age.colour = 'blue'; // not a field of the block
    });
    const messages = run(doc)
      .diagnostics.filter((d) => d.code === 'CONFIG_INVALID' && d.blockId === 'age')
      .map((d) => [d.pointer, d.message['zh-CN'], d.message.en]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ['/blocks/1/config/minAge', '配置项 /minAge 无效：必填', "Config /minAge is invalid: must have required property 'minAge'"],
        ['/blocks/1/config/maxAge', '配置项 /maxAge 无效：应为整数', 'Config /maxAge is invalid: must be integer'],
        ['/blocks/1/config/colour', '配置项 /colour 无效：不允许有额外的属性', 'Config /colour is invalid: must NOT have additional properties'],
      ]),
    );
    for (const [, chinese] of messages) expect(chinese).not.toMatch(/must|property|integer/);
  });

  it('words a flow document error in Chinese too', () => {
    const doc = edit((d) => {
      (d as { blocks: unknown }).blocks = 'none';
    });
    const [problem] = run(doc).diagnostics.filter((d) => d.code === 'DOCUMENT_INVALID');
    expect(problem.message['zh-CN']).toBe('流程文档 /blocks 无效：应为列表');
    expect(problem.message.en).toBe('Flow document /blocks is invalid: must be array');
  });

  it('reports a minimum above its maximum', () => {
    const doc = edit((d) => {
      Object.assign(blockById(d, 'age').config, { minAge: 65, maxAge: 60 });
    });
    expect(codes(doc)).toContain('MIN_ABOVE_MAX');
  });

  it('refuses a link from a gate fail port to a limit block', () => {
    const doc = edit((d) => {
      d.links = d.links.filter((l) => l.id !== 'bureau-fail-reject');
      d.links.push({ id: 'bad', from: { block: 'bureau', port: 'fail' }, to: { block: 'cap', port: 'in' } });
    });
    expect(run(doc).diagnostics).toContainEqual(expect.objectContaining({ code: 'PORT_KIND_MISMATCH', linkId: 'bad' }));
  });

  it('refuses links to unknown blocks and ports, and a second link from one output', () => {
    const doc = edit((d) => {
      d.links.push({ id: 'ghost', from: { block: 'age', port: 'pass' }, to: { block: 'nowhere', port: 'in' } });
      d.links.push({ id: 'portless', from: { block: 'cap', port: 'sideways' }, to: { block: 'price', port: 'in' } });
      d.links.push({ id: 'twice', from: { block: 'price', port: 'out' }, to: { block: 'repay', port: 'in' } });
    });
    const found = run(doc).diagnostics;
    expect(found).toContainEqual(expect.objectContaining({ code: 'LINK_BLOCK_UNKNOWN', linkId: 'ghost', pointer: expect.stringMatching(/\/to\/block$/) }));
    expect(found).toContainEqual(expect.objectContaining({ code: 'PORT_UNKNOWN', linkId: 'portless' }));
    expect(found).toContainEqual(expect.objectContaining({ code: 'PORT_ALREADY_LINKED', linkId: 'twice' }));
  });

  it('finds a cycle', () => {
    const doc = edit((d) => {
      d.links = d.links.filter((l) => l.id !== 'repay-out-approve');
      d.links.push({ id: 'loop', from: { block: 'repay', port: 'out' }, to: { block: 'income', port: 'in' } });
    });
    expect(codes(doc)).toContain('CYCLE');
  });

  it('warns about a block no path reaches and leaves it out of the product', () => {
    const doc = edit((d) => {
      d.blocks.push({ id: 'parked', type: 'limit-range', typeVersion: 1, config: { max: '1000' }, position: { x: 0, y: 500 } });
    });
    const result = run(doc);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'UNREACHABLE_BLOCK', severity: 'warning', blockId: 'parked' }));
    expect(result.product?.blocks.map((b) => b.id)).not.toContain('parked');
  });

  it('requires every output a path can take to be linked', () => {
    const doc = edit((d) => {
      d.links = d.links.filter((l) => l.id !== 'cap-out-price');
    });
    expect(run(doc).diagnostics).toContainEqual(expect.objectContaining({ code: 'OUTPUT_UNLINKED', blockId: 'cap' }));
  });

  it('requires a limit, one base rate and one repayment block on every path to an offer, reported at the offer', () => {
    const skip = (from: string, over: string, to: string) => (d: FlowDocument) => {
      d.links = d.links.filter((l) => l.from.block !== from && l.from.block !== over);
      d.links.push({ id: `${from}-${to}`, from: { block: from, port: from === 'bureau' ? 'pass' : 'out' }, to: { block: to, port: 'in' } });
      d.blocks = d.blocks.filter((b) => b.id !== over);
    };
    const noLimit = edit((d) => {
      d.links = d.links.filter((l) => !['bureau-pass-income', 'income-out-cap', 'cap-out-price'].includes(l.id));
      d.links.push({ id: 'direct', from: { block: 'bureau', port: 'pass' }, to: { block: 'price', port: 'in' } });
      d.blocks = d.blocks.filter((b) => b.id !== 'income' && b.id !== 'cap');
    });
    expect(run(noLimit).diagnostics).toContainEqual(expect.objectContaining({ code: 'PATH_WITHOUT_LIMIT', blockId: 'approve' }));
    expect(codes(edit(skip('cap', 'price', 'bounds')))).toContain('PATH_WITHOUT_BASE_RATE');
    expect(codes(edit(skip('bounds', 'repay', 'approve')))).toContain('PATH_WITHOUT_REPAYMENT');
    const twoPrices = edit((d) => {
      d.blocks.push({ id: 'price2', type: 'base-rate', typeVersion: 1, config: { mode: 'fixed', fixedRate: '5.00' }, position: { x: 0, y: 0 } });
      d.links = d.links.filter((l) => l.id !== 'price-out-bounds');
      d.links.push({ id: 'p1', from: { block: 'price', port: 'out' }, to: { block: 'price2', port: 'in' } }, { id: 'p2', from: { block: 'price2', port: 'out' }, to: { block: 'bounds', port: 'in' } });
    });
    expect(codes(twoPrices)).toContain('PATH_MULTIPLE_BASE_RATES');
  });

  it('reports duplicate block ids', () => {
    const doc = edit((d) => {
      d.blocks.push({ ...blockById(d, 'cap') });
    });
    expect(run(doc).diagnostics).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_ID', pointer: '/blocks/10/id' }));
  });

  it('requires exactly one start block', () => {
    expect(
      codes(
        edit((d) => {
          d.blocks = d.blocks.filter((b) => b.id !== 'start');
        }),
      ),
    ).toContain('START_MISSING');
    expect(
      codes(
        edit((d) => {
          d.blocks.push({ ...blockById(d, 'start'), id: 'start2' });
        }),
      ),
    ).toContain('START_DUPLICATE');
  });
});

describe('content hash', () => {
  it('distinguishes documents that differ only in a "__proto__" key', async () => {
    const { contentHash } = await import('../../server/engine/compiler/hash.ts');
    const plain = JSON.parse('{"a":1}');
    const withProto = JSON.parse('{"a":1,"__proto__":{"b":2}}');
    expect(contentHash(withProto)).not.toBe(contentHash(plain));
    expect(contentHash({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(contentHash({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
