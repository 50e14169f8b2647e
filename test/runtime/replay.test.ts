import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { buildEvaluator, type Evaluator } from '../../server/engine/runtime/evaluator.ts';
import { newWalkLog, resetWalkLog, reusableBlocks, sameResult, type Replay } from '../../server/engine/runtime/replay.ts';
import type { DecideInput } from '../../server/engine/runtime/request.ts';
import { Decimal } from '../../server/engine/money.ts';
import { changedModel } from '../bench/portfolio.ts';
import { generateApplications, wireRequest } from '../bench/generate-applications.ts';
import { flowDocument, generateModel } from '../bench/generate-product.ts';

/**
 * Replaying a first version's walk (runtime/replay.ts) must give, for the second version, exactly
 * the decision it gives alone: compared as JSON text on whole portfolios, including refused rows,
 * changed blocks whose results stay equal or differ, and versions that share nothing.
 */
const catalog = defaultCatalog();
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const productIds = fs
  .readdirSync(EXAMPLES)
  .filter((id) => fs.existsSync(path.join(EXAMPLES, id, 'flow.json')))
  .sort();
const documentOf = (id: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, id, 'flow.json'), 'utf8')) as FlowDocument;
const definitionOf = (document: FlowDocument): ProductDefinition | undefined =>
  compile(document, { catalog, resolveBase: ({ productId }) => (productIds.includes(productId) ? { document: documentOf(productId), version: null } : undefined) }).product;

/**
 * Each application decided by `second` alone and by `second` replaying `first` (built once on its
 * own and once taking the blocks it shares with `first`); returns how many decisions and refusals were compared.
 */
function expectReplayAlike(first: Evaluator, second: Evaluator, inputs: DecideInput[]): { decided: number; refused: number; alike: number } {
  const reusable = reusableBlocks(first.definition, second.definition);
  const replay: Replay | undefined = reusable && { log: newWalkLog(), reusable };
  const sharing = reusable ? buildEvaluator(second.definition, catalog, { like: { evaluator: first, blocks: reusable } }) : second;
  let decided = 0;
  let refused = 0;
  let alike = 0;
  const withoutProduct = (result: ReturnType<Evaluator['decide']>) => JSON.stringify('decision' in result ? { ...result.decision, product: null } : result);
  for (const input of inputs) {
    const firstAlone = JSON.stringify(first.decide(input));
    if (replay) resetWalkLog(replay.log);
    const firstRecorded = JSON.stringify(first.decide(input, replay ? { record: replay.log } : undefined));
    expect(firstRecorded).toBe(firstAlone);
    const alone = second.decide(input);
    const replayed = second.decide(input, replay ? { replay } : undefined);
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(alone));
    if (replay?.alike) {
      // said to have followed the first walk all the way: the first version's decision but for the product
      expect(withoutProduct(alone)).toBe(withoutProduct(first.decide(input)));
      alike += 1;
    }
    expect(JSON.stringify(sharing.decide(input, replay ? { replay } : undefined))).toBe(JSON.stringify(alone));
    if ('decision' in alone) decided += 1;
    else refused += 1;
  }
  return { decided, refused, alike };
}

/** The first numbers in a config (depth first), each changed by `by`: a tuning change that still compiles more often than not. */
function nudged(config: unknown, by: number, budget = { left: 1 }): unknown {
  if (typeof config === 'number' && budget.left > 0) {
    budget.left -= 1;
    return config + by;
  }
  if (Array.isArray(config)) return config.map((item) => nudged(item, by, budget));
  if (config && typeof config === 'object') return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, nudged(value, by, budget)]));
  return config;
}

interface Sample {
  application: Record<string, unknown>;
  request: { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf: string; channel?: string };
}
const samplesOf = (id: string): DecideInput[] => {
  const dir = path.join(EXAMPLES, id, 'samples');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Sample)
    .map(({ application, request }) => ({ ...request, application }));
};

/** Every sample, each with its applicant's numbers shifted up and down (to cross the thresholds the nudges move), and with a field that is not in the dictionary (refused). */
function portfolioOf(id: string): DecideInput[] {
  const samples = samplesOf(id);
  const shifted = (input: DecideInput, by: number): DecideInput => {
    const application = structuredClone(input.application) as { applicant?: Record<string, unknown> };
    for (const [key, value] of Object.entries(application.applicant ?? {})) if (typeof value === 'number' && Number.isInteger(value)) application.applicant![key] = value + by;
    return { ...input, application };
  };
  return [
    ...samples,
    ...samples.map((input) => shifted(input, 1)),
    ...samples.map((input) => shifted(input, -1)),
    ...samples.map((input) => ({ ...input, application: { ...(input.application as object), notAField: 1 } })),
  ];
}

describe('replaying the first version for the second', () => {
  it.each(productIds)(
    'gives every decision of %s under each block tuned up and down as the tuned version alone gives it',
    (id) => {
      const document = documentOf(id);
      const base = definitionOf(document)!;
      const first = buildEvaluator(base, catalog);
      const inputs = portfolioOf(id);
      let compared = 0;
      // A derived product's own blocks are its overrides of the base's configs.
      const overrides = (document as { overrides?: { blocks?: Record<string, unknown> } }).overrides?.blocks;
      const tunings = overrides ? Object.keys(overrides) : document.blocks.map((block) => block.id);
      for (const id_ of tunings) {
        for (const by of [1, -1]) {
          const tuned = structuredClone(document) as unknown as { blocks: FlowDocument['blocks']; overrides?: { blocks: Record<string, unknown> } };
          if (tuned.overrides) tuned.overrides.blocks[id_] = nudged(tuned.overrides.blocks[id_], by);
          else {
            const at = tuned.blocks.find((b) => b.id === id_)!;
            at.config = nudged(at.config, by) as typeof at.config;
          }
          const definition = definitionOf(tuned as unknown as FlowDocument);
          if (!definition) continue; // a nudge that breaks the config is no version
          const counted = expectReplayAlike(first, buildEvaluator(definition, catalog), inputs);
          expect(counted.refused).toBeGreaterThan(0); // the rows with an unknown field at least
          compared += counted.decided;
        }
      }
      expect(compared).toBeGreaterThan(0);
    },
    120_000,
  );

  it('gives the credit-factory decisions under the benchmark change as the changed version alone, and shares every block but the two changed', () => {
    const model = generateModel();
    const before = compile(flowDocument(model), { catalog }).product!;
    const after = compile(flowDocument(changedModel(model)), { catalog }).product!;
    const reusable = reusableBlocks(before, after)!;
    const changed = after.blocks.filter((block) => !reusable.has(block.id)).map((block) => block.id);
    // checked against the definitions directly: the blocks whose config text differs
    const differs = after.blocks.filter((block) => JSON.stringify(block.config) !== JSON.stringify(before.blocks.find((b) => b.id === block.id)?.config)).map((block) => block.id);
    expect(changed).toEqual(differs);
    expect(changed.length).toBe(2);
    const inputs = generateApplications(model, 3000).map((request) => wireRequest(request) as DecideInput);
    const counted = expectReplayAlike(buildEvaluator(before, catalog), buildEvaluator(after, catalog), inputs);
    expect(counted.decided).toBe(3000);
    expect(counted.alike).toBeGreaterThan(2000); // most applicants are not touched by the change
  }, 120_000);

  it('shares nothing when the product settings or the application schema differ', () => {
    const document = documentOf('flash-loan');
    const base = definitionOf(document)!;
    const wider = structuredClone(document);
    const start = wider.blocks.find((block) => block.type === 'application')!;
    const amount = (start.config as { amount: { max: string } }).amount;
    amount.max = new Decimal(amount.max).plus(1000).toFixed(2);
    expect(reusableBlocks(base, definitionOf(wider)!)).toBeUndefined();
    expect(reusableBlocks(base, { ...base, applicationSchema: { ...base.applicationSchema, description: 'another' } })).toBeUndefined();
    expect(reusableBlocks(base, base)!.size).toBe(base.blocks.length);
  });

  it('compares results as data: key order, decimals by value and sign, class instances never equal', () => {
    expect(sameResult({ kind: 'gate', passed: true, facts: { age: 30, list: [1, 'a'] } }, { kind: 'gate', passed: true, facts: { age: 30, list: [1, 'a'] } })).toBe(true);
    expect(sameResult({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameResult({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameResult([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameResult(new Decimal('1.50'), new Decimal('1.5'))).toBe(true);
    expect(sameResult(new Decimal('0'), new Decimal('-0'))).toBe(false);
    expect(sameResult(new Decimal('1.5'), '1.5')).toBe(false);
    expect(sameResult(new Date(0), new Date(0))).toBe(false);
    expect(sameResult(Number.NaN, Number.NaN)).toBe(false);
  });
});
