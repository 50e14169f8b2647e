import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../server/engine/money.ts';
import type { ExpressionValue } from '../../server/engine/block-type.ts';
import { compileExpression, conditionHolds } from '../../server/engine/expression/index.ts';
import { applicationSchema } from './fixtures.ts';
import { sameValue, zenEvaluate } from './zen-oracle.ts';

const evaluate = (source: string, application: unknown = {}): ExpressionValue => {
  const { compiled, errors } = compileExpression(source, { schema: applicationSchema, expected: 'any' });
  if (!compiled) throw new Error(errors.map((e) => e.message.en).join('\n'));
  return compiled.evaluate(application);
};
const show = (value: ExpressionValue): unknown => (value instanceof Decimal ? value.toString() : Array.isArray(value) ? value.map(show) : value);
const missing = { applicant: { vip: true, region: '罗平县' }, loan: {} };

describe('numbers are exact decimals', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(evaluate('0.1 + 0.2 == 0.3')).toBe(true);
    expect(show(evaluate('0.1 + 0.2'))).toBe('0.3');
  });

  it('multiplies a monthly income read from JSON exactly', () => {
    const application = JSON.parse('{"applicant": {"monthlyIncome": 8888.88}}');
    expect(8888.88 * 15).not.toBe(133333.2); // binary floating point gets this wrong
    expect(show(evaluate('applicant.monthlyIncome * 15', application))).toBe('133333.2');
    expect(show(evaluate('min([applicant.monthlyIncome * 15, 500000])', application))).toBe('133333.2');
  });

  it('reads a JS number as its shortest decimal text, so 0.1 in the data is 0.1', () => {
    expect(evaluate('applicant.income + 0.2 == 0.3', { applicant: { income: 0.1 } })).toBe(true);
  });

  it('agrees with ZEN on an inexact division to 26 significant digits (ZEN keeps 28, we keep 40)', () => {
    const application = { applicant: { income: 8500.55, age: 7 } };
    for (const source of ['1 / 3', '2 / 3', '100 / 3 * 3', 'applicant.income / 3', 'applicant.income / applicant.age', '1 / 7 * 7 - 1']) {
      const zen = zenEvaluate(source, application);
      const ours = evaluate(source, application) as Decimal;
      expect('value' in zen && zen.value instanceof Decimal).toBe(true);
      if ('value' in zen && zen.value instanceof Decimal) {
        expect(
          ours
            .minus(zen.value)
            .abs()
            .lte(new Decimal('1e-25').times(zen.value.abs().plus(1))),
        ).toBe(true);
      }
    }
  });

  it('compares a field with a literal exactly like a Decimal comparison, for any double in the data', () => {
    const literals = ['0', '0.1', '0.3', '22', '60', '-2.5', '1e-7', '123456789.123456789', '9007199254740993'];
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...literals), fc.constantFrom('<', '<=', '>', '>=', '=='), (income, literal, op) => {
        const text = literal.includes('e') ? new Decimal(literal).toFixed() : literal;
        const fast = evaluate(`applicant.income ${op} ${text}`, { applicant: { income } });
        const general = evaluate(`applicant.income + 0 ${op} ${text}`, { applicant: { income } });
        expect(fast).toBe(general);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

/**
 * Expected values were read off GoRules ZEN 0.54 by hand; each row is also re-checked against
 * ZEN live, so a change in either side shows up here.
 */
describe('behaviour that follows ZEN', () => {
  it.each<[string, unknown]>([
    ['round(2.5)', '3'],
    ['round(-2.5)', '-3'],
    ['round(1.005, 2)', '1.01'],
    ['round(-1.235, 2)', '-1.24'],
    ['floor(-2.5)', '-3'],
    ['ceil(-2.5)', '-2'],
    ['-7 % 3', '-1'],
    ['7 % -3', '1'],
    ['7.5 % 2', '1.5'],
    ['1 / 0', null],
    ['1_000 + 1', '1001'],
    ['1.10 == 1.1', true],
    ['30 in (30..60)', false],
    ['30 in [30..60)', true],
    ['60 in [30..60)', false],
    ['60 in (30..60]', true],
    ['5 in [5..1]', false],
    ['null in [null]', true],
    ['null == null', true],
    ['null != 1', true],
    ['"a" + "b"', 'ab'],
    ["'罗平县' in [\"罗平县\", '师宗县']", true],
    ['"a\\nb" == "a" + "\\n" + "b"', true],
    ['contains("abc", "")', true],
    ['2 > 1 == true', true],
    ['1 + 1 in [2]', true],
    ['not true == false', true],
    ['- applicant.age in [-30]', true],
    ['true or true and false', true],
    ['false and false == false', false],
    ['true ? false ? 1 : 2 : 3', '2'],
    ['true and applicant.overdue', null],
    ['false and applicant.overdue', false],
    ['true or applicant.overdue', true],
    ['false or applicant.overdue', null],
    ['len([1, 2, 3])', '3'],
    ['max([1, 5, 3])', '5'],
    ['[1, 2,]', ['1', '2']],
  ])('%s gives %j, as in ZEN', (source, expected) => {
    const application = { applicant: { age: 30, overdue: null } };
    expect(show(evaluate(source, application))).toEqual(expected);
    const zen = zenEvaluate(source, application);
    expect('value' in zen && sameValue(evaluate(source, application), zen.value)).toBe(true);
  });
});

describe('the missing-field rule', () => {
  it.each<[string, ExpressionValue]>([
    ['applicant.age', null],
    ['applicant.bureau.inquiries', null],
    ['applicant.age == null', true],
    ['applicant.age != null', false],
    ['applicant.age == 0', false],
    ['applicant.age in [22, 30]', false],
    ['applicant.age not in [22, 30]', true],
    ['applicant.age in [22..60]', null],
    ['applicant.age > 18', null],
    ['applicant.age + 1', null],
    ['-applicant.age', null],
    ['abs(applicant.age)', null],
    ['min([applicant.age, 5])', null],
    ['len(applicant.scores)', null],
    ['3 in applicant.scores', null],
    ['contains(applicant.name, "a")', null],
    ['applicant.name + "x"', null],
    ['not applicant.overdue', null],
    ['applicant.overdue and false', false],
    ['applicant.overdue and true', null],
    ['applicant.overdue or true', true],
    ['applicant.overdue or false', null],
    ['applicant.age > 18 or applicant.vip', true],
    ['applicant.age != null and applicant.age > 18', false],
    ['applicant.overdue ? 1 : 2', new Decimal(2)],
    ['applicant.age >= 22 ? "adult" : "other"', 'other'],
  ])('%s gives %j when the fields are missing', (source, expected) => {
    expect(sameValue(evaluate(source, missing), expected)).toBe(true);
  });

  it('treats an explicit null exactly like an absent field', () => {
    for (const source of ['applicant.age > 18', 'applicant.age == null', 'applicant.age in [1, 2]', 'applicant.age + 1']) {
      expect(evaluate(source, { applicant: { age: null } })).toEqual(evaluate(source, { applicant: {} }));
    }
  });

  it('lets a caller count a null condition as false', () => {
    expect(conditionHolds(evaluate('applicant.age > 18', missing))).toBe(false);
    expect(conditionHolds(evaluate('applicant.age > 18', { applicant: { age: 30 } }))).toBe(true);
    expect(conditionHolds(evaluate('applicant.age < 18', { applicant: { age: 30 } }))).toBe(false);
  });

  it('gives null where ZEN raises an error, and ZEN does raise one there', () => {
    for (const source of ['applicant.age > 18', 'applicant.age + 1', 'not applicant.overdue', 'applicant.overdue ? 1 : 2']) {
      expect('error' in zenEvaluate(source, missing)).toBe(true);
    }
  });
});
