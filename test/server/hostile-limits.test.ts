import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_ID } from '../../server/engine/catalog.ts';
import { capErrors } from '../../server/engine/error-cap.ts';
import { SchemaRegistry } from '../../server/engine/schema-registry.ts';
import { findJsonLimitViolation, JSON_LIMITS } from '../../server/http/json-limits.ts';
import { catalog } from './fixtures.ts';

const SEED = 1_100_011; // fixed: the same inputs in CI and on a laptop; fast-check prints it with any failure

/** The real measures of a parsed value, computed from the value (not from the text the scanner reads). */
function measure(value: unknown, depth = 0): { depth: number; items: number; keys: number; chars: number } {
  if (typeof value === 'string') return { depth, items: 0, keys: 0, chars: JSON.stringify(value).length - 2 };
  if (value === null || typeof value !== 'object') return { depth, items: 0, keys: 0, chars: 0 };
  const children = Array.isArray(value) ? value : Object.values(value);
  const own = { depth: depth + 1, items: Array.isArray(value) ? value.length : 0, keys: Array.isArray(value) ? 0 : Object.keys(value).length, chars: 0 };
  for (const key of Array.isArray(value) ? [] : Object.keys(value)) own.chars = Math.max(own.chars, JSON.stringify(key).length - 2);
  for (const child of children) {
    const inner = measure(child, depth + 1);
    own.depth = Math.max(own.depth, inner.depth);
    own.items = Math.max(own.items, inner.items);
    own.keys = Math.max(own.keys, inner.keys);
    own.chars = Math.max(own.chars, inner.chars);
  }
  return own;
}

/** CPU milliseconds `work` takes (user + system): wall time on a shared machine measures the neighbours. */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('the JSON body scanner', () => {
  it('flags a JSON text exactly when its parsed value breaks a limit', () => {
    const small = { depth: 4, arrayItems: 3, objectKeys: 3, stringLength: 5 };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 2 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const real = measure(value);
        const broken = real.depth > small.depth || real.items > small.arrayItems || real.keys > small.objectKeys || real.chars > small.stringLength;
        expect(findJsonLimitViolation(text, { bytes: 0, ...small }) !== undefined).toBe(broken);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('names the limit and where it broke', () => {
    expect(findJsonLimitViolation(JSON.stringify({ application: { applicant: { lists: Array(32_000).fill(0) } } }))).toEqual({
      limit: 'arrayItems',
      max: JSON_LIMITS.arrayItems,
      pointer: '/application/applicant/lists',
    });
    expect(findJsonLimitViolation(`{"document":{"blocks":[{"config":${'['.repeat(10_000)}${']'.repeat(10_000)}}]}}`)).toMatchObject({ limit: 'depth', max: 64 });
    expect(findJsonLimitViolation(JSON.stringify({ a: { 'b/c': 'x'.repeat(100_001) } }))).toEqual({ limit: 'stringLength', max: 100_000, pointer: '/a/b~1c' });
    expect(findJsonLimitViolation(JSON.stringify({ custom: Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`k${i}`, i])) }))).toMatchObject({ limit: 'objectKeys', pointer: '/custom' });
    expect(findJsonLimitViolation(JSON.stringify({ rules: Array(10_000).fill({ when: 'a > 1' }), text: 'escaped \\" quote [[[[' }))).toBeUndefined();
  });

  it('reads a 1 MB body in a few milliseconds', () => {
    const text = JSON.stringify({ rows: Array.from({ length: 9000 }, (_, i) => ({ id: `r${i}`, when: `applicant.age > ${i}`, escaped: 'a\\"b' })) }).padEnd(1024 * 1024, ' ');
    expect(cpuMs(() => findJsonLimitViolation(text))).toBeLessThan(150);
  });
});

describe('schema validation cost', () => {
  it('grows linearly with the number of bad items under a $ref (8,000 empty blocks took 14 s)', () => {
    const validate = catalog().schemas.validator(FLOW_SCHEMA_ID); // Ajv itself, without the size limits checked first
    const ms = cpuMs(() => validate({ schemaVersion: 1, blocks: Array(8000).fill({}), links: Array(6000).fill({}) }));
    expect(ms).toBeLessThan(2000); // quadratic merging takes well over 10 s here
    expect(validate.errors!.length).toBeGreaterThan(50_000); // every bad item was still reported
  });

  it('stops at a list past its maxItems before validating its items, and caps what it reports', () => {
    const tooMany = catalog().schemas.check(FLOW_SCHEMA_ID, { schemaVersion: 1, blocks: Array(8000).fill({}), links: [] });
    expect(tooMany).toEqual([{ pointer: '/blocks', message: 'must NOT have more than 2000 items', messageZh: '不应多于 2000 项', keyword: 'maxItems' }]);
    const many = catalog().schemas.check(FLOW_SCHEMA_ID, { schemaVersion: 1, blocks: Array(2000).fill({}), links: Array(6000).fill({}) });
    expect(many.length).toBeLessThanOrEqual(100);
    expect(many.omitted).toBeGreaterThan(20_000);
  });
});

describe('error caps', () => {
  it('keeps the first three errors of each field and counts the rest', () => {
    const errors = [
      ...Array.from({ length: 32_000 }, (_, i) => ({ pointer: `/application/applicant/lists/${i}`, message: 'must be string' })),
      { pointer: '/application/applicant/age', message: 'must be integer' },
    ];
    const { kept, omitted } = capErrors(errors);
    expect(kept.map((error) => error.pointer)).toEqual(['/application/applicant/lists/0', '/application/applicant/lists/1', '/application/applicant/lists/2', '/application/applicant/age']);
    expect(omitted).toBe(31_997);
  });
});

describe('the validator cache', () => {
  it('shares one validator among equal schemas and keeps at most 32, however many products are simulated', () => {
    const registry = new SchemaRegistry([]);
    const schemaOf = (i: number) => ({ type: 'object', properties: { [`field${i}`]: { type: 'number', minimum: i } } });
    expect(registry.compile(schemaOf(1))).toBe(registry.compile(schemaOf(1)));
    for (let i = 0; i < 300; i++) registry.compile(schemaOf(i));
    expect(registry.cacheStats.validators).toBe(32);
    expect(registry.cacheStats.instances).toBe(Math.ceil(300 / 16)); // retired Ajv instances are garbage once their validators are
    const validate = registry.compile(schemaOf(5)); // evicted long ago: compiled again, and it still works
    expect(validate({ field5: 4 })).toBe(false);
    expect(validate({ field5: 5 })).toBe(true);
  });
});

describe('checks that need no list of errors', () => {
  const ruleSet = 'https://schemas.loan-blocks.dev/blocks/rule-set.schema.json';
  const badRules = { rules: Array(5_000).fill({}) }; // 25,000 errors for a validator that lists them all

  it('isValid answers what check answers', () => {
    const configs = [badRules, { rules: [] }, { rules: Array(5_001).fill({}) }, {}, null, 'text', catalog().blockTypes.get('rule-set')!.defaults];
    for (const config of configs) expect(catalog().schemas.isValid(ruleSet, config), JSON.stringify(config).slice(0, 80)).toBe(catalog().schemas.check(ruleSet, config).length === 0);
  });

  it('isValid stops at the first error: a config of 5,000 bad rules costs a fraction of listing its errors', () => {
    catalog().schemas.isValid(ruleSet, badRules); // compiled on first use
    const fastest = (work: () => void) => Math.min(...Array.from({ length: 5 }, () => cpuMs(work))); // the least disturbed of five runs
    const listing = fastest(() => catalog().schemas.check(ruleSet, badRules));
    const asking = fastest(() => catalog().schemas.isValid(ruleSet, badRules));
    expect(asking).toBeLessThan(Math.max(1, listing / 5));
  });

  it('check caps the errors before describing them, and counts the rest', () => {
    const wrong = { id: 1, type: 2, typeVersion: 'x', config: 3, position: 4 }; // five mistyped fields, no unknown one
    const document = { schemaVersion: 1, blocks: Array.from({ length: 2_000 }, () => ({ ...wrong })), links: [] };
    const problems = catalog().schemas.check(FLOW_SCHEMA_ID, document);
    const all = catalog().schemas.validator(FLOW_SCHEMA_ID).errors!.length;
    expect(all).toBeGreaterThanOrEqual(10_000);
    expect(problems.length).toBeLessThanOrEqual(100);
    expect(problems.length + problems.omitted!).toBe(all);
    expect(problems.map((problem) => problem.pointer)).toEqual(expect.arrayContaining(['/blocks/0/id', '/blocks/0/position', '/blocks/2/config']));
  });

  it('gives up on a document past 100 properties its schema forbids, before Ajv lists them all, and counts them', () => {
    const wide = Object.fromEntries(Array.from({ length: 56 }, (_, i) => [`k${i}`, 1]));
    const document = { schemaVersion: 1, blocks: Array.from({ length: 2_000 }, (_, i) => ({ ...wide, id: `b${i}` })), links: [] }; // 905 KB, 112,000 unknown keys
    const ajv = catalog().schemas.validator(FLOW_SCHEMA_ID);
    expect(ajv({ schemaVersion: 1, blocks: [], links: [] })).toBe(true); // its errors are now null
    const problems = catalog().schemas.check(FLOW_SCHEMA_ID, document);
    expect(problems.map((problem) => problem.pointer)).toEqual(Array.from({ length: 20 }, (_, i) => `/blocks/0/k${i}`));
    expect(problems.omitted).toBe(2_000 * 56 - 20); // every unknown key counted
    // Ajv never ran on it (its listing of the 120,000 errors took 80-300 ms of the main thread): it holds no errors of this document.
    expect(ajv.errors ?? null).toBeNull();
    // A few typos still get the full answer: the unknown keys and every other mistake.
    const typos = catalog().schemas.check(FLOW_SCHEMA_ID, { schemaVersion: 1, blocks: [{ id: 'a', type: 'age-gate', typeVersion: 1, config: {}, lable: 'x' }], links: [], extra: 1 });
    expect(typos.map((problem) => problem.pointer).sort()).toEqual(['/blocks/0/lable', '/blocks/0/position', '/extra']);
  });
});
