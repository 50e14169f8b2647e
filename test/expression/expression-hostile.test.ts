import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression } from '../../server/engine/expression/index.ts';
import { applicationSchema } from './fixtures.ts';

const prototypeSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const compile = (source: string, expected: 'boolean' | 'number' | 'any' = 'any') => compileExpression(source, { schema: applicationSchema, expected });

describe('hostile input', () => {
  const before = prototypeSnapshot();

  it.each([
    ['constructor.constructor("return process")()', 'EXPRESSION_SYNTAX'],
    ['applicant.__proto__', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant.__proto__.polluted == 1', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant.constructor', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant.constructor.prototype', 'EXPRESSION_FIELD_UNKNOWN'],
    ['toString', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant.toString', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant.hasOwnProperty', 'EXPRESSION_FIELD_UNKNOWN'],
    ['valueOf', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant.name.length > 1', 'EXPRESSION_FIELD_UNKNOWN'],
    ['applicant["__proto__"]', 'EXPRESSION_SYNTAX'],
  ])('rejects %s with %s and without throwing', (source, code) => {
    const result = compile(source);
    expect(result.compiled).toBeUndefined();
    expect(result.errors[0].code).toBe(code);
  });

  it('rejects 10,000 nested parentheses with a limit error, not a stack overflow', () => {
    const result = compile(`${'('.repeat(10_000)}1${')'.repeat(10_000)}`, 'number');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].code).toBe('EXPRESSION_LIMIT');
  });

  it('rejects nesting past 64 levels inside the length limit, for every kind of nesting', () => {
    for (const source of [
      `${'('.repeat(1000)}1${')'.repeat(1000)}`,
      `${'not '.repeat(500)}true`,
      `${'-'.repeat(2000)}1`,
      `${'abs('.repeat(500)}1${')'.repeat(500)}`,
      `${'['.repeat(1000)}${']'.repeat(1000)}`,
      Array.from({ length: 300 }, () => 'x').join(' or '),
      `${'true ? '.repeat(300)}1${' : 2'.repeat(300)}`,
    ]) {
      expect(source.length).toBeLessThanOrEqual(4096);
      const { errors } = parseExpression(source);
      expect(errors.map((e) => e.code)).toEqual(['EXPRESSION_LIMIT']);
      expect(errors[0].message.en).toContain('nested more than 64 levels');
    }
  });

  it('accepts nesting of exactly the limit', () => {
    expect(parseExpression(`${'('.repeat(63)}1${')'.repeat(63)}`).errors).toEqual([]);
    expect(parseExpression(`${'('.repeat(64)}1${')'.repeat(64)}`).errors[0].code).toBe('EXPRESSION_LIMIT');
  });

  it('rejects a 1 MB string with a length error', () => {
    const huge = `applicant.age > ${'9'.repeat(1 << 20)}`;
    const { errors } = compile(huge, 'boolean');
    expect(errors[0].code).toBe('EXPRESSION_LIMIT');
    expect(errors[0].message.en).toContain('the limit is 4096');
  });

  it('reads no prototype values from an application whose JSON has "__proto__" keys', () => {
    const application = JSON.parse('{"applicant": {"__proto__": {"age": 99, "vip": true}, "constructor": {"name": "x"}}, "__proto__": {"loan": {"amount": 1}}}');
    expect(compile('applicant.age', 'any').compiled!.evaluate(application)).toBeNull();
    expect(compile('applicant.vip == true', 'boolean').compiled!.evaluate(application)).toBe(false);
    expect(compile('loan.amount', 'any').compiled!.evaluate(application)).toBeNull();
  });

  it('treats class instances, functions and inherited properties as missing, never as data', () => {
    class Applicant {
      age = 30;
    }
    const inherited = Object.create({ age: 30 }) as object;
    const evaluate = compile('applicant.age', 'any').compiled!.evaluate;
    expect(evaluate({ applicant: new Applicant() })).toBeNull();
    expect(evaluate({ applicant: inherited })).toBeNull();
    expect(evaluate({ applicant: Object.assign(() => 0, { age: 30 }) })).toBeNull();
    expect(evaluate(null)).toBeNull();
    expect(evaluate('applicant')).toBeNull();
    expect(evaluate({ applicant: { age: 30n } })).toBeNull();
    expect(evaluate({ applicant: { age: Number.NaN } })).toBeNull();
  });

  it('never throws, even on an application with a throwing getter', () => {
    const applicant = {
      get age(): number {
        throw new Error('boom');
      },
    };
    expect(compile('applicant.age > 1', 'boolean').compiled!.evaluate({ applicant })).toBeNull();
  });

  it('leaves Object.prototype exactly as it was', () => {
    expect(prototypeSnapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).age).toBeUndefined();
  });
});
