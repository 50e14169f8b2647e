import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { APPLICATION_SCHEMA_ID } from '../../server/engine/catalog.ts';
import { productApplicationSchema } from '../../server/engine/compiler/application-schema.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import { toProblems } from '../../server/engine/schema-registry.ts';
import { goodApplicant, smallConsumerFlow } from '../fixtures/small-flow.ts';

/**
 * A product's own application fields (`extraFields`, under `custom`) are checked by the standard
 * dictionary's validator plus a small one for `custom`, not by a whole dictionary compiled again for
 * each set of fields (issue #11: 30–60 ms on the main thread per changed draft). The answer must be
 * the one the whole product dictionary gives, which this test compiles itself.
 */
const catalog = defaultCatalog();
const FIELDS = {
  spouseName: { type: 'string', pattern: '^[^0-9]*$' }, // (a maxLength would be checked by the size-limit walk first, which answers alone)
  cardCount: { type: 'integer', minimum: 0 },
  contact: { type: 'object', required: ['phone'], properties: { phone: { type: 'string', pattern: '^[0-9]{11}$' } }, additionalProperties: false },
};

function evaluatorWith(extraFields: Record<string, object>) {
  const document = smallConsumerFlow() as FlowDocument;
  const start = document.blocks.find((block) => block.type === 'application')!;
  start.config = { ...start.config, extraFields };
  const { product, diagnostics } = compile(document, { catalog });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildEvaluator(product!, catalog);
}

/** The pointers the whole product dictionary names for an application (the reference answer). */
function wholeDictionaryPointers(extraFields: Record<string, object>, application: unknown): string[] {
  const validate = catalog.schemas.compile(productApplicationSchema(catalog.schemas.schema(APPLICATION_SCHEMA_ID)!, extraFields));
  return validate(application) ? [] : toProblems(validate.errors).map((problem) => `/application${problem.pointer}`);
}

const customs: unknown[] = [
  undefined,
  {},
  { spouseName: 'Li', cardCount: 2, contact: { phone: '13800000000' } },
  { spouseName: 'Li 2nd', cardCount: -1, contact: { phone: '123' }, unknownField: 1 },
  { cardCount: 1.5, contact: {} },
  { contact: 'not an object' },
  'not an object',
  [],
  null,
];

describe("a product's own application fields", () => {
  const evaluator = evaluatorWith(FIELDS);

  for (const custom of customs) {
    it(`answers what the whole product dictionary answers for custom = ${JSON.stringify(custom)}`, () => {
      const application = { ...(goodApplicant() as object), ...(custom === undefined ? {} : { custom }) };
      const result = evaluator.decide({ application, asOf: '2026-11-22' });
      const expected = wholeDictionaryPointers(FIELDS, application);
      if (expected.length === 0) expect('decision' in result, JSON.stringify(result)).toBe(true);
      else expect('errors' in result ? [...new Set(result.errors.map((error) => error.pointer))].sort() : result).toEqual([...new Set(expected)].sort());
    });
  }

  it('names each bad product field by its pointer', () => {
    const result = evaluator.decide({ application: { ...(goodApplicant() as object), custom: { spouseName: 'Li 2nd', cardCount: -1, other: true } }, asOf: '2026-11-22' });
    expect('errors' in result && result.errors.map((error) => error.pointer).sort()).toEqual(['/application/custom/cardCount', '/application/custom/other', '/application/custom/spouseName']);
  });

  it('still resolves a product field that refers into the dictionary (age: 0 to 120)', () => {
    const withRef = evaluatorWith({ coApplicantAge: { type: 'integer', $ref: '#/properties/applicant/properties/age' } });
    const bad = withRef.decide({ application: { ...(goodApplicant() as object), custom: { coApplicantAge: 130 } }, asOf: '2026-11-22' });
    expect('errors' in bad && bad.errors.map((error) => error.pointer)).toEqual(
      wholeDictionaryPointers({ coApplicantAge: { type: 'integer', $ref: '#/properties/applicant/properties/age' } }, { ...(goodApplicant() as object), custom: { coApplicantAge: 130 } }),
    );
    expect('decision' in withRef.decide({ application: { ...(goodApplicant() as object), custom: { coApplicantAge: 40 } }, asOf: '2026-11-22' })).toBe(true);
  });
});
