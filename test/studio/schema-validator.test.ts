import { describe, expect, it } from 'vitest';
import flowSchema from '../../product-schemas/flow.schema.json';
import commonSchema from '../../product-schemas/defs/common.schema.json';
import ageGate from '../../product-schemas/blocks/age-gate.schema.json';
import baseRate from '../../product-schemas/blocks/base-rate.schema.json';
import { SchemaValidator } from '../../studio/src/schema/schema-validator.ts';
import { assertSupportedSchema } from '../../studio/src/schema/supported-keywords.ts';

const checker = new SchemaValidator([commonSchema, flowSchema, baseRate]);
const keywords = (schema: object, data: unknown) => checker.check(schema, data).map((e) => `${e.instancePath} ${e.keyword}`);

describe('CSP-safe schema validator (@cfworker/json-schema)', () => {
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

const blockSchemas = import.meta.glob<{ default: object }>('../../product-schemas/**/*.schema.json', { eager: true });

describe('keywords the validator does not check', () => {
  it('are refused with the keyword and its place named, instead of being skipped', () => {
    expect(() => new SchemaValidator().check({ type: 'object', properties: { name: { type: 'string', maxLenght: 3 } } }, { name: 'too long' })).toThrow(
      'The studio\'s validator does not check the keyword "maxLenght" (#/properties/name/maxLenght)',
    );
    expect(() => new SchemaValidator([{ $id: 'https://example.test/a.json', $defs: { x: { $dynamicRef: '#x' } } }])).toThrow(
      /"\$dynamicRef" \(https:\/\/example.test\/a.json\/\$defs\/x\/\$dynamicRef\)/,
    );
    expect(() => new SchemaValidator().check({ type: 'string', format: 'mobile-phone' }, '138')).toThrow('does not check the format "mobile-phone"');
  });

  it('leave annotations alone: titles, descriptions and the x-* form hints', () => {
    const schema = { type: 'integer', title: 'Age', description: 'years', 'x-label': { 'zh-CN': '年龄', en: 'Age' }, 'x-unit': 'years', 'x-show-if': { field: 'mode', equals: 'a' }, minimum: 18 };
    expect(keywords(schema, 17)).toEqual([' minimum']);
  });

  it('occur in none of the product schemas', () => {
    const files = Object.entries(blockSchemas);
    expect(files.length).toBeGreaterThan(30);
    for (const [, { default: schema }] of files) expect(() => assertSupportedSchema(schema)).not.toThrow();
  });
});

describe('what rjsf asks of the validator', () => {
  it('checks a part of a form schema against the whole, with #/ references resolved in the whole', () => {
    const root = { $defs: { rate: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' } }, type: 'object', properties: { rate: { $ref: '#/$defs/rate' } } };
    const validator = new SchemaValidator();
    expect(validator.check(root.properties.rate, '3.45', root)).toEqual([]);
    expect(validator.check(root.properties.rate, '3.4a', root).map((e) => e.keyword)).toEqual(['pattern']);
    // A part rjsf assembled itself (not an object of the root) still resolves in the root.
    expect(validator.check({ $ref: '#/$defs/rate' }, 'x', root).map((e) => e.keyword)).toEqual(['pattern']);
  });

  it('checks dates on the calendar, as the simulator’s date fields need', () => {
    const date = { type: 'string', format: 'date' };
    expect(['2024-02-29', '2026-12-03'].map((value) => keywords(date, value))).toEqual([[], []]);
    expect(['2026-02-30', '2025-02-29', '2026-13-01', '20261203'].map((value) => keywords(date, value))).toEqual([[' format'], [' format'], [' format'], [' format']]);
  });

  it('treats a field cleared in the form (undefined) as missing, and reports every error, not the first', () => {
    const schema = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'integer' }, b: { type: 'string' }, c: { type: 'number', maximum: 1 } } };
    expect(keywords(schema, { a: undefined, b: undefined, c: 2 })).toEqual([' required', ' required', '/c maximum']);
  });
});
