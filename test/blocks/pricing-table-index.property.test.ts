import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import { pricingTableBlock, type PricingTableConfig, type TableCondition } from '../../server/blocks/pricing-table/pricing-table.block.ts';
import type { PreparedPricingTable } from '../../server/blocks/pricing-table/pricing-table.types.ts';
import { TEST_PRODUCT } from './case-file.ts';

const catalog = defaultCatalog();
const applicationSchema = catalog.schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;
const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const REGIONS = ['罗平县', '师宗县', '陆良县', '富源县'];
const RATINGS = ['excellent', 'good', 'fair'];

const inputs: PricingTableConfig['inputs'] = [
  { id: 'score', label: label('评分', 'Score'), expression: 'applicant.score', type: 'number' },
  { id: 'region', label: label('区县', 'County'), expression: 'applicant.region', type: 'string' },
  { id: 'rating', label: label('评级', 'Rating'), expression: 'applicant.creditRating', type: 'string' },
  { id: 'local', label: label('本地户籍', 'Local hukou'), expression: 'applicant.hukouLocal', type: 'boolean' },
];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const band = fc
  .tuple(maybe(fc.integer({ min: 400, max: 700 })), maybe(fc.integer({ min: 1, max: 300 })))
  .map(([min, width]): TableCondition => (min === undefined ? (width === undefined ? { max: 600 } : { max: 400 + width }) : { min, ...(width === undefined ? {} : { max: min + width }) }));
const row = fc
  .record({
    score: maybe(band),
    region: maybe(
      fc.oneof(
        fc.constantFrom(...REGIONS).map((equals): TableCondition => ({ equals })),
        fc.subarray(REGIONS, { minLength: 1 }).map((values): TableCondition => ({ in: values })),
      ),
    ),
    rating: maybe(fc.constantFrom(...RATINGS).map((equals): TableCondition => ({ equals }))),
    local: maybe(fc.boolean().map((equals): TableCondition => ({ equals }))),
    bp: fc.integer({ min: -50, max: 50 }),
  })
  .map(({ bp, ...when }) => ({ when: Object.fromEntries(Object.entries(when).filter(([, condition]) => condition !== undefined)) as Record<string, TableCondition>, adjustmentBp: bp }));
const application = fc
  .record({
    score: maybe(fc.integer({ min: 350, max: 1000 })),
    region: maybe(fc.constantFrom(...REGIONS, '昆明市')),
    creditRating: maybe(fc.constantFrom(...RATINGS, 'poor')),
    hukouLocal: maybe(fc.boolean()),
  })
  .map((applicant) => ({ applicant: JSON.parse(JSON.stringify(applicant)) as Record<string, unknown> }));

const compile = (config: PricingTableConfig) =>
  compileBlockConfig(pricingTableBlock, config as unknown as Record<string, unknown>, createBlockContext('table', TEST_PRODUCT, applicationSchema), catalog.schemas);

/** The reference: every row's matcher in table order. */
function scanned(prepared: PreparedPricingTable, app: Record<string, unknown>): string[] {
  const values = prepared.inputs.map((input) => input.evaluate(app));
  const hits = prepared.rows.filter((candidate) => candidate.matches(values)).map((candidate) => candidate.rowId);
  return prepared.hitPolicy === 'first' ? hits.slice(0, 1) : hits;
}

describe('the pricing table row index', () => {
  it('finds exactly the rows a scan of the whole table finds, in table order', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom('first', 'collect'), fc.array(application, { minLength: 1, maxLength: 8 }), (rows, hitPolicy, apps) => {
        const config: PricingTableConfig = { code: 'TABLE', label: label('表', 'Table'), inputs, rows, hitPolicy: hitPolicy as PricingTableConfig['hitPolicy'], defaultBp: 5 };
        const compiled = compile(config);
        const prepared = compiled.prepared as PreparedPricingTable;
        for (const app of apps) {
          const result = pricingTableBlock.evaluate(prepared, { application: app, product: TEST_PRODUCT, offer: {}, request: { asOf: '2026-11-22' } }) as unknown as { facts: { hits: string[] } };
          expect(result.facts.hits).toEqual(scanned(prepared, app));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('indexes a strategy table by its text inputs', () => {
    const rows = REGIONS.flatMap((region) => RATINGS.map((rating) => ({ when: { region: { equals: region }, rating: { equals: rating } }, adjustmentBp: 1 })));
    const prepared = compile({ code: 'TABLE', label: label('表', 'Table'), inputs, rows, hitPolicy: 'first', defaultBp: 0 }).prepared as PreparedPricingTable;
    expect(prepared.rowIndex).toBeDefined();
    const result = pricingTableBlock.evaluate(prepared, {
      application: { applicant: { region: '陆良县', creditRating: 'fair' } },
      product: TEST_PRODUCT,
      offer: {},
      request: { asOf: '2026-11-22' },
    }) as unknown as { facts: { hits: string[] } };
    expect(result.facts.hits).toEqual([`#${REGIONS.indexOf('陆良县') * RATINGS.length + RATINGS.indexOf('fair') + 1}`]);
  });
});
