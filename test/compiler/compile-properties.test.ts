import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import { goodApplicant, smallConsumerFlow } from '../fixtures/small-flow.ts';

const catalog = defaultCatalog();
const types = [...catalog.blockTypes.keys()];

/** The compiler's last-resort catch turns an exception into a diagnostic; a real check never needs it. */
const crashed = (diagnostics: { message: { en: string } }[]) => diagnostics.filter((d) => /could not be compiled/.test(d.message.en)).map((d) => d.message.en);

/** A random JSON-ish value, including the awkward ones (huge numbers, prototype keys, nesting). */
const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('__proto__', 'constructor', '-1', '1e400', 'applicant.age >= ', '((((', '0.005'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'min', 'max', 'type', 'config')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Mutations a product manager (or a hostile client) can make to a valid document. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set-config' as const), block: fc.nat(), key: fc.string({ maxLength: 12 }), value: junk }),
  fc.record({ kind: fc.constant('retype' as const), block: fc.nat(), type: fc.oneof(fc.constantFrom(...types), fc.string()) }),
  fc.record({ kind: fc.constant('relink' as const), link: fc.nat(), block: fc.nat(), port: fc.constantFrom('in', 'out', 'pass', 'fail', 'else', 'x') }),
  fc.record({ kind: fc.constant('drop-block' as const), block: fc.nat() }),
  fc.record({ kind: fc.constant('drop-link' as const), link: fc.nat() }),
  fc.record({ kind: fc.constant('add-block' as const), type: fc.constantFrom(...types) }),
  fc.record({ kind: fc.constant('replace-config' as const), block: fc.nat(), value: junk }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(mutations: Mutation[]) {
  const doc = smallConsumerFlow() as unknown as { blocks: Record<string, unknown>[]; links: { from: Record<string, unknown>; to: Record<string, unknown> }[] };
  for (const m of mutations) {
    const block = doc.blocks.length ? doc.blocks[('block' in m ? m.block : 0) % doc.blocks.length] : undefined;
    switch (m.kind) {
      case 'set-config':
        if (block && block.config && typeof block.config === 'object') (block.config as Record<string, unknown>)[m.key] = m.value;
        break;
      case 'replace-config':
        if (block) block.config = m.value;
        break;
      case 'retype':
        if (block) block.type = m.type;
        break;
      case 'relink':
        if (doc.links.length && block) Object.assign(doc.links[m.link % doc.links.length].to, { block: block.id, port: m.port });
        break;
      case 'drop-block':
        doc.blocks.splice(m.block % Math.max(doc.blocks.length, 1), 1);
        break;
      case 'drop-link':
        doc.links.splice(m.link % Math.max(doc.links.length, 1), 1);
        break;
      case 'add-block':
        doc.blocks.push({ id: `extra${doc.blocks.length}`, type: m.type, typeVersion: 1, config: structuredClone(catalog.blockTypes.get(m.type)!.defaults), position: { x: 0, y: 0 } });
        break;
    }
  }
  return doc;
}

describe('the compiler on any input', () => {
  it('returns diagnostics and never throws for thousands of random documents', () => {
    fc.assert(
      fc.property(junk, (input) => {
        const result = compile(input, { catalog });
        expect(crashed(result.diagnostics)).toEqual([]);
        if (!result.product) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('returns diagnostics and never throws for mutated product flows, and what compiles can decide', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const result = compile(mutate(mutations), { catalog });
        expect(crashed(result.diagnostics)).toEqual([]);
        for (const d of result.diagnostics) {
          expect(typeof d.pointer).toBe('string');
          expect(d.message.en.length).toBeGreaterThan(0);
          expect(d.message['zh-CN'].length).toBeGreaterThan(0);
        }
        if (result.product) {
          const outcome = buildEvaluator(result.product, catalog).decide({ application: goodApplicant(), asOf: '2026-11-22' });
          expect('decision' in outcome || 'errors' in outcome).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the runtime on any application', () => {
  const evaluator = buildEvaluator(compile(smallConsumerFlow(), { catalog }).product!, catalog);
  it('answers a decision or field errors, never a crash', () => {
    const application = fc.oneof(
      junk,
      fc.record({
        applicant: fc.record(
          { age: fc.oneof(fc.integer({ min: -5, max: 130 }), junk), monthlyIncome: fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), junk), bureau: junk },
          { requiredKeys: [] },
        ),
      }),
    );
    fc.assert(
      fc.property(application, junk, junk, (app, amount, term) => {
        const outcome = evaluator.decide({ application: app, requestedAmount: amount, termMonths: term, asOf: '2026-11-22' });
        if ('errors' in outcome) {
          expect(outcome.errors.length).toBeGreaterThan(0);
          for (const error of outcome.errors) expect(error.pointer).toMatch(/^\//);
        } else {
          expect(['approve', 'refer', 'decline']).toContain(outcome.decision.outcome);
        }
      }),
      { numRuns: 2000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
