import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression, type ExpressionError } from '../../server/engine/expression/index.ts';
import { applicationSchema } from './fixtures.ts';

const compileErrors = (source: string, expected: 'boolean' | 'number' | 'string' | 'any' = 'boolean'): ExpressionError[] => compileExpression(source, { schema: applicationSchema, expected }).errors;

describe('syntax errors', () => {
  it('name the line and column of an unexpected token, in both languages', () => {
    const [error] = parseExpression('applicant.age >= 22 and )').errors;
    expect(error).toMatchObject({ code: 'EXPRESSION_SYNTAX', line: 1, column: 25, offset: 24, length: 1 });
    expect(error.message.en).toBe('Unexpected ")": a value is expected here at line 1, column 25');
    expect(error.message['zh-CN']).toBe('此处应为一个值，而不是“)”（第 1 行第 25 列）');
  });

  it('count lines and columns across a multi-line expression', () => {
    const [error] = parseExpression('applicant.age >= 22\n  and applicant.age <= 60\n  and applicant.vip ==').errors;
    expect(error).toMatchObject({ code: 'EXPRESSION_SYNTAX', line: 3, column: 23 });
    expect(error.message.en).toContain('at line 3, column 23');
    expect(error.message['zh-CN']).toContain('（第 3 行第 23 列）');
  });

  it('point at an unterminated string where it starts', () => {
    expect(parseExpression('applicant.region == "罗平县').errors[0]).toMatchObject({ code: 'EXPRESSION_SYNTAX', line: 1, column: 21 });
  });

  it('explain operators borrowed from other languages', () => {
    expect(parseExpression('applicant.vip && true').errors[0].message.en).toContain('use "and" instead of "&&"');
    expect(parseExpression('applicant.vip || true').errors[0].message['zh-CN']).toContain('请用 or 代替 ||');
    expect(parseExpression('applicant.age = 30').errors[0].message.en).toContain('use "==" to compare');
  });

  it('reject calls to functions the language does not have, listing the ones it does', () => {
    const [error] = parseExpression('sqrt(applicant.age)').errors;
    expect(error.code).toBe('EXPRESSION_SYNTAX');
    expect(error.message.en).toContain('Unknown function sqrt');
    expect(error.message.en).toContain('min, max, abs, round, floor, ceil, len, contains');
  });

  it('reject method calls and indexing', () => {
    expect(parseExpression('applicant.name.toUpperCase()').errors[0].message.en).toContain('Method calls are not allowed');
    expect(parseExpression('applicant.scores[0]').errors[0].message.en).toContain('Indexing');
  });

  it('reject an empty expression and number forms ZEN reads differently', () => {
    expect(parseExpression('   ').errors[0].code).toBe('EXPRESSION_SYNTAX');
    expect(parseExpression('1e3').errors[0].code).toBe('EXPRESSION_SYNTAX');
    expect(parseExpression('0.12345678901234567890123456789').errors[0].code).toBe('EXPRESSION_LIMIT');
  });
});

describe('type errors', () => {
  it('name an unknown field and suggest the nearest declared one', () => {
    const [error] = compileErrors('applicant.agee >= 22');
    expect(error).toMatchObject({ code: 'EXPRESSION_FIELD_UNKNOWN', line: 1, column: 1, length: 14 });
    expect(error.message.en).toBe('Unknown field applicant.agee at line 1, column 1 — did you mean applicant.age?');
    expect(error.message['zh-CN']).toBe('未知字段 applicant.agee（第 1 行第 1 列）——是否是 applicant.age？');
  });

  it('suggest through $ref definitions and nested groups', () => {
    expect(compileErrors('applicant.bureau.overdueDay > 0')[0].message.en).toContain('did you mean applicant.bureau.overdueDays?');
    expect(compileErrors('applicant.incme > 0')[0].message.en).toContain('did you mean applicant.income?');
  });

  it('offer no suggestion when nothing is close', () => {
    expect(compileErrors('applicant.favouriteColour == "red"')[0].message.en).not.toContain('did you mean');
  });

  it('report a type error on the second line with its own column', () => {
    const [error] = compileErrors('applicant.age >= 22 and\n    applicant.region > 3');
    expect(error).toMatchObject({ code: 'EXPRESSION_TYPE', line: 2, column: 5 });
    expect(error.message.en).toContain('applicant.region is text');
  });

  it.each([
    ['applicant.age and true', 'must be true/false'],
    ['applicant.region > 3', 'must be a number'],
    ['"x" * 2 > 1', 'must be a number'],
    ['applicant.region == 3', 'Cannot compare text with a number'],
    ['applicant.age + "岁" == "30岁"', '"+" adds two numbers or joins two texts'],
    ['not applicant.age', 'must be true/false'],
    ['applicant.scores == [1]', 'Lists cannot be compared'],
    ['applicant.region in [1, 2]', 'Cannot compare text with a number'],
    ['applicant.age in applicant.tags', 'Cannot compare a number with text'],
    ['applicant.region in [1..3]', 'must be a number'],
    ['applicant.age in applicant.region', 'must be a list'],
    ['[1..3] == [1..3]', 'A range can only follow "in"'],
    ['applicant.age in [1, "a"]', 'mixes a number and text'],
    ['len(applicant.name) > 2', 'the length of text is not supported'],
    ['min([]) > 1', 'empty list'],
    ['max(applicant.tags) > 1', 'must be a number'],
    ['round(applicant.income, -1) > 1', 'whole number from 0 to 28'],
    ['round(applicant.income, applicant.age) > 1', 'whole number from 0 to 28'],
    ['applicant.age % 0 == 1', 'non-zero number written in the expression'],
    ['applicant.age % loan.term == 1', 'non-zero number written in the expression'],
    ['abs(1, 2) > 0', 'takes 1 argument'],
    ['applicant.vip ? 1 : "one"', 'must have the same type'],
    ['applicant.bureau', 'group of fields'],
  ])('rejects %s', (source, message) => {
    const errors = compileErrors(source, source.includes('?') || source === 'applicant.bureau' ? 'any' : 'boolean');
    expect(errors.map((e) => e.message.en).join('\n')).toContain(message);
    expect(errors.every((e) => e.code === 'EXPRESSION_TYPE')).toBe(true);
  });

  it('require a condition to be true/false and a formula to be a number', () => {
    expect(compileErrors('applicant.age', 'boolean')[0].message.en).toContain('A condition must be true or false, but this gives a number');
    expect(compileErrors('applicant.age > 1', 'number')[0].message.en).toContain('must give a number');
    expect(compileErrors('null', 'number')[0].code).toBe('EXPRESSION_TYPE');
    expect(compileErrors('applicant.age', 'any')).toEqual([]);
  });

  it('report every independent problem, but not the follow-on errors of one', () => {
    const errors = compileErrors('applicant.agee > 1 and applicant.regoin == "x"');
    expect(errors.map((e) => e.code)).toEqual(['EXPRESSION_FIELD_UNKNOWN', 'EXPRESSION_FIELD_UNKNOWN']);
    expect(errors.map((e) => e.column)).toEqual([1, 24]);
  });

  it('list the fields an expression reads, once each', () => {
    const result = compileExpression('applicant.age >= 22 and applicant.age <= 60 and loan.term in [12, 24]', { schema: applicationSchema, expected: 'boolean' });
    expect(result.reads).toEqual(['applicant.age', 'loan.term']);
    expect(result.compiled?.reads).toEqual(['applicant.age', 'loan.term']);
  });
});

describe('compiling the same text again', () => {
  it('gives the same result with arrays of its own, and keeps the expected type and the schema apart', () => {
    const first = compileExpression('applicant.age >= 22', { schema: applicationSchema, expected: 'boolean' });
    const second = compileExpression('applicant.age >= 22', { schema: applicationSchema, expected: 'boolean' });
    expect(second.compiled!.evaluate({ applicant: { age: 30 } })).toBe(true);
    expect(second.reads).toEqual(first.reads);
    first.reads.push('x');
    first.compiled!.reads.push('y');
    expect(second.reads).toEqual(['applicant.age']);
    expect(second.compiled!.reads).toEqual(['applicant.age']);
    expect(compileErrors('applicant.age >= 22', 'number')[0].code).not.toBeUndefined(); // a condition where a number is expected
    const broken = compileErrors('applicant.agee > 1');
    broken[0].line = 99;
    expect(compileErrors('applicant.agee > 1')[0].line).toBe(1);
    const otherSchema = { type: 'object', properties: { applicant: { type: 'object', properties: {} } } };
    expect(compileExpression('applicant.age >= 22', { schema: otherSchema, expected: 'boolean' }).errors.length).toBeGreaterThan(0);
  });
});
