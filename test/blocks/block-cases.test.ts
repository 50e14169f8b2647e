import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import { Decimal } from '../../server/engine/money.ts';
import { loadBlockCases, TEST_PRODUCT } from './case-file.ts';

const catalog = defaultCatalog();
const APPLICATION_SCHEMA_ID = 'https://schemas.loan-blocks.dev/application.schema.json';
const applicationSchema = catalog.schemas.schema(APPLICATION_SCHEMA_ID)!;

/** Decimals and nested values as the JSON a channel would see, so cases compare strings. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe.each(loadBlockCases().map((c) => [c.type, c.file, c.testCase] as const))('block %s — %s', (type, _file, testCase) => {
  it(testCase.description, () => {
    const blockType = catalog.blockTypes.get(type);
    expect(blockType, `block type ${type} is registered`).toBeDefined();
    const product = { ...TEST_PRODUCT, ...testCase.product };
    const compiled = compileBlockConfig(blockType!, testCase.config, createBlockContext('case-block', product, applicationSchema), catalog.schemas);

    if (testCase.expected.diagnostics) {
      for (const want of testCase.expected.diagnostics) {
        expect(compiled.diagnostics).toContainEqual(expect.objectContaining(want));
      }
      return;
    }
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (testCase.expected.reads) {
      expect(compiled.reads.map((read) => read.path)).toEqual(expect.arrayContaining(testCase.expected.reads));
    }
    const application = testCase.application ?? {};
    expect(catalog.schemas.check(APPLICATION_SCHEMA_ID, application), 'case application is valid').toEqual([]);
    const request = testCase.request ?? {};
    const result = blockType!.evaluate(compiled.prepared, {
      application,
      product,
      offer: (testCase.offer ?? {}) as never,
      request: {
        asOf: request.asOf ?? '2026-11-22',
        requestedAmount: request.requestedAmount === undefined ? undefined : new Decimal(request.requestedAmount),
        termMonths: request.termMonths,
        repaymentMethod: request.repaymentMethod,
        channel: request.channel,
      },
    });
    expect(plain(result)).toMatchObject(testCase.expected.result ?? {});
  });
});
