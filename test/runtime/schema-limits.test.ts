import { describe, expect, it } from 'vitest';
import { limitProblems } from '../../server/engine/schema-limits.ts';

/** The size-limit walk run before every decision's validation: pointers are written only for problems, and must read as before. */
describe('schema limit walk', () => {
  const schema = {
    type: 'object',
    properties: {
      list: { type: 'array', maxItems: 3, items: { $ref: '#/$defs/entry' } },
      score: { type: 'number' },
    },
    additionalProperties: { type: 'object', maxProperties: 2, additionalProperties: { type: 'string', maxLength: 4 } },
    $defs: { entry: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } } },
  };
  const resolve = (ref: string, root: Record<string, unknown>) => (ref === '#/$defs/entry' ? { schema: (root.$defs as Record<string, Record<string, unknown>>).entry, root } : undefined);

  it('points at each too-large value with its path escaped (~ as ~0, / as ~1), array items by index', () => {
    const data = { list: [{ name: 'short' }, { name: 'too long' }], score: 7, 'a/b~c': { 'x/y': 'fine', '~z': 'longer' } };
    expect(limitProblems(schema, data, resolve)).toEqual([
      { pointer: '/list/1/name', message: 'must NOT have more than 5 characters', messageZh: '不应多于 5 个字符', keyword: 'maxLength' },
      { pointer: '/a~1b~0c/~0z', message: 'must NOT have more than 4 characters', messageZh: '不应多于 4 个字符', keyword: 'maxLength' },
    ]);
  });

  it('lists the properties a closed object forbids, with their escaped pointers, when there are more than asked', () => {
    const closed = { type: 'object', properties: { 'a/b': { type: 'object', properties: { n: { type: 'number' } }, additionalProperties: false } } };
    const problems = limitProblems(closed, { 'a/b': { n: 1, '~x': 2, y: { deep: 'text' } } }, resolve, 1);
    expect(problems.omitted).toBe(0);
    expect([...problems]).toEqual([
      { pointer: '/a~1b/~0x', message: 'must NOT have additional properties', messageZh: '不允许有额外的字段', keyword: 'additionalProperties' },
      { pointer: '/a~1b/y', message: 'must NOT have additional properties', messageZh: '不允许有额外的字段', keyword: 'additionalProperties' },
    ]);
    expect(limitProblems(closed, { 'a/b': { n: 1, '~x': 2 } }, resolve, 1)).toEqual([]); // one unknown property: left to the full validation
  });

  it('stops at a list or object past its limit, and finds nothing in numbers, booleans and null', () => {
    expect(limitProblems(schema, { list: [{}, {}, {}, { name: 'far too long' }], other: { a: '1', b: '2', c: '3' } }, resolve)).toEqual([
      { pointer: '/list', message: 'must NOT have more than 3 items', messageZh: '不应多于 3 项', keyword: 'maxItems' },
      { pointer: '/other', message: 'must NOT have more than 2 properties', messageZh: '不应多于 2 个字段', keyword: 'maxProperties' },
    ]);
    expect(limitProblems(schema, { list: [1, null, true], score: 1234567, flag: { a: null } }, resolve)).toEqual([]);
    expect(limitProblems({ type: 'string', maxLength: 1 }, 'ab', resolve)).toEqual([
      { pointer: '', message: 'must NOT have more than 1 characters', messageZh: '不应多于 1 个字符', keyword: 'maxLength' },
    ]);
  });
});
