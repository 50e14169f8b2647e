import { describe, expect, it } from 'vitest';
import flowSchema from '../../product-schemas/flow.schema.json';
import commonSchema from '../../product-schemas/defs/common.schema.json';
import ageGate from '../../product-schemas/blocks/age-gate.schema.json';
import baseRate from '../../product-schemas/blocks/base-rate.schema.json';
import { SchemaChecker } from '../../studio/src/schema/schema-check.ts';

const checker = new SchemaChecker([commonSchema, flowSchema, baseRate]);
const keywords = (schema: object, data: unknown) => checker.check(schema, data).map((e) => `${e.instancePath} ${e.keyword}`);

describe('CSP-safe schema checker', () => {
  it('accepts a valid age gate and reports bounds, types, enums and extra fields like Ajv', () => {
    expect(keywords(ageGate, { minAge: 18, maxAge: 65, ageSource: 'age' })).toEqual([]);
    expect(keywords(ageGate, { minAge: -1, maxAge: 'x', ageSource: 'guess', extra: 1 })).toEqual(['/minAge minimum', '/maxAge type', '/ageSource enum', ' additionalProperties']);
    expect(checker.check(ageGate, { maxAge: 65, ageSource: 'age' })[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'minAge' } });
  });

  it('follows $ref by $id into the shared defs and applies if/then', () => {
    expect(keywords(baseRate, { mode: 'fixed' })).toEqual([' required']);
    expect(keywords(baseRate, { mode: 'fixed', fixedRate: '3.4a' })).toEqual(['/fixedRate pattern']);
    expect(keywords(baseRate, { mode: 'fixed', fixedRate: '3.45' })).toEqual([]);
  });

  it('validates flow documents against flow.schema.json', () => {
    const ok = { schemaVersion: 1, blocks: [{ id: 'a', type: 'age-gate', typeVersion: 1, config: {}, position: { x: 0, y: 0 } }], links: [] };
    expect(keywords(flowSchema, ok)).toEqual([]);
    expect(keywords(flowSchema, { ...ok, links: [{ id: 'bad id', from: { block: 'a', port: 'out' }, to: { block: 'a' } }] })).toEqual(['/links/0/id pattern', '/links/0/to required']);
  });
});
