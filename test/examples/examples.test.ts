import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { BaseResolver } from '../../server/engine/compiler/resolve-base.ts';
import type { Decision } from '../../server/engine/decision.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { Decimal } from '../../server/engine/money.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';

/**
 * Golden examples (STYLE.md): every examples/<id>/flow.json compiles, every sample decides exactly
 * as stored, and derived products differ from their base only where they override it.
 * Expected figures in the samples were worked out by hand or by an independent script (see each
 * sample's `check`), never copied from the engine.
 */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const catalog = defaultCatalog();

interface Sample {
  id: string;
  title: { 'zh-CN': string; en: string };
  application: unknown;
  request: { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf: string; channel?: string };
  expected: { outcome: Decision['outcome']; reasonCodes: string[]; offer?: Record<string, string | number> };
  check: string;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const productIds = fs
  .readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES, entry.name, 'flow.json')))
  .map((entry) => entry.name)
  .sort();
const documentOf = (id: string): FlowDocument => readJson<FlowDocument>(path.join(EXAMPLES, id, 'flow.json'));
const resolveBase: BaseResolver = ({ productId }) => (productIds.includes(productId) ? { document: documentOf(productId), version: null } : undefined);
const samplesOf = (id: string): { file: string; sample: Sample }[] => {
  const dir = path.join(EXAMPLES, id, 'samples');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, sample: readJson<Sample>(path.join(dir, file)) }));
};
const compiled = (id: string): ProductDefinition => {
  const result = compile(documentOf(id), { catalog, resolveBase });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.product!;
};

/** The offer fields a sample may state, read from the decision's offer. */
const OFFER_FIELDS: Record<string, (offer: NonNullable<Decision['offer']>) => string | number | undefined> = {
  limit: (offer) => offer.limit,
  rateAnnual: (offer) => offer.rate.annual,
  termMonths: (offer) => offer.termMonths,
  repaymentMethod: (offer) => offer.repaymentMethod,
  firstPayment: (offer) => offer.schedule.rows[0]?.payment, // principal + interest of the first row (periodic fees not included)
  totalInterest: (offer) => offer.schedule.totals.interest,
  aprSimple: (offer) => offer.apr.simple,
  borrowerRate: (offer) => offer.borrowerRate,
  subsidyAmount: (offer) => offer.subsidy?.amount,
  feesTotal: (offer) => offer.schedule.totals.fees,
};

/**
 * Money and rates are compared as numbers at the precision the sample states: "3.45" matches the
 * engine's "3.4500", and an APR written to 2 decimals is compared after rounding the engine's
 * 4-decimal figure half-up to 2.
 */
function expectField(name: string, actual: string | number | undefined, expected: string | number): void {
  if (typeof expected === 'number' || !/^-?\d+(\.\d+)?$/.test(expected)) {
    expect(actual, name).toBe(expected);
    return;
  }
  expect(actual, `${name} is missing from the offer`).toBeDefined();
  const places = expected.split('.')[1]?.length ?? 0;
  const rounded = new Decimal(actual!).toDecimalPlaces(Math.max(places, 2), Decimal.ROUND_HALF_UP);
  expect(rounded.eq(expected), `${name}: expected ${expected}, engine ${actual}`).toBe(true);
}

describe('example products', () => {
  it('has the four products, the flash-loan base and its four derived products', () => {
    expect(productIds).toEqual(
      expect.arrayContaining(['mortgage-fast', 'merchant', 'salaried', 'agricultural', 'flash-loan', 'flash-loan-depositor', 'flash-loan-mortgage', 'flash-loan-quality', 'flash-loan-business']),
    );
  });

  describe.each(productIds)('%s', (id) => {
    it('compiles without errors, under its own product id', () => {
      expect(compiled(id).product.productId).toBe(id);
    });

    it('has a README and enough samples', () => {
      expect(fs.existsSync(path.join(EXAMPLES, id, 'README.md'))).toBe(true);
      expect(samplesOf(id).length).toBeGreaterThanOrEqual(documentOf(id).base ? 4 : 10);
    });

    const samples = fs.existsSync(path.join(EXAMPLES, id, 'samples')) ? samplesOf(id) : [];
    it.each(samples.map(({ file, sample }) => [file, sample] as const))('decides %s as stored', (_file, sample) => {
      const result = buildEvaluator(compiled(id), catalog).decide({ application: sample.application, ...sample.request });
      expect('errors' in result ? result.errors : [], 'the application was refused as invalid input').toEqual([]);
      const decision = (result as { decision: Decision }).decision;
      expect(decision.outcome).toBe(sample.expected.outcome);
      expect(new Set(decision.reasons.map((reason) => reason.code))).toEqual(new Set(sample.expected.reasonCodes));
      if (!sample.expected.offer) return;
      expect(decision.offer, 'an offer').toBeDefined();
      for (const [name, expected] of Object.entries(sample.expected.offer)) {
        const read = OFFER_FIELDS[name];
        expect(read, `unknown offer field ${name} in the sample`).toBeDefined();
        expectField(name, read(decision.offer!), expected);
      }
    });
  });
});

describe('derived products (1 + N + N)', () => {
  const derivedIds = productIds.filter((id) => documentOf(id).base);

  it('derives four sub-products from flash-loan', () => {
    expect(derivedIds.filter((id) => documentOf(id).base!.productId === 'flash-loan')).toHaveLength(4);
  });

  it.each(derivedIds)('%s differs from its base exactly where it overrides', (id) => {
    const document = documentOf(id);
    const base = compiled(document.base!.productId);
    const derived = compiled(id);
    const overrides = document.overrides ?? {};
    const blockOverrides = overrides.blocks ?? {};
    expect(derived.base?.productId).toBe(document.base!.productId);
    expect(derived.links).toEqual(base.links);
    expect(derived.blocks.map((block) => block.id)).toEqual(base.blocks.map((block) => block.id));
    for (const [index, block] of derived.blocks.entries()) {
      const from = base.blocks[index];
      expect(block.type).toBe(from.type);
      const patch = block.type === 'application' ? { ...overrides.product, ...blockOverrides[block.id] } : blockOverrides[block.id];
      if (!patch) {
        expect(block.config, `block ${block.id} is not overridden`).toEqual(from.config);
        continue;
      }
      expect(block.config, `block ${block.id} = base config + override`).toEqual({ ...from.config, ...patch });
      for (const key of Object.keys(patch)) expect(block.config[key], `${block.id}.${key} really changes`).not.toEqual(from.config[key]);
    }
    const { productId: _id, ...metaPatch } = overrides.product ?? {};
    expect(derived.product).toEqual({ ...base.product, ...overrides.product });
    expect(Object.keys(metaPatch).length).toBeGreaterThan(0);
  });

  it('reports OVERRIDE_BLOCK_UNKNOWN when the base no longer has an overridden block', () => {
    const document = documentOf('flash-loan-depositor');
    const base = documentOf('flash-loan');
    const shrunk: FlowDocument = {
      ...base,
      blocks: base.blocks.filter((block) => block.id !== 'limit-cap'),
      links: base.links.filter((link) => link.from.block !== 'limit-cap' && link.to.block !== 'limit-cap'),
    };
    const result = compile(document, { catalog, resolveBase: () => ({ document: shrunk, version: null }) });
    expect(result.product).toBeUndefined();
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'OVERRIDE_BLOCK_UNKNOWN', severity: 'error', blockId: 'limit-cap' }));
  });
});
