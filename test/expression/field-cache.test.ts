import { describe, expect, it } from 'vitest';
import { compileExpression, withFieldCache } from '../../server/engine/expression/index.ts';

const schema = { type: 'object', properties: { applicant: { type: 'object', properties: { age: { type: 'integer' }, region: { type: 'string' } } } } };
const compile = (source: string) => compileExpression(source, { schema, expected: 'any' }).compiled!;

describe('the field-read cache of one decision', () => {
  it('sees a changed application between evaluations made outside a decision', () => {
    const older = compile('applicant.age >= 60');
    const application = { applicant: { age: 30 } };
    expect(older.evaluate(application)).toBe(false);
    application.applicant.age = 61;
    expect(older.evaluate(application)).toBe(true);
  });

  it('keeps two applications apart within one decision and across decisions', () => {
    const age = compile('applicant.age + 0');
    const young = { applicant: { age: 25 } };
    const old = { applicant: { age: 70 } };
    withFieldCache(() => {
      expect(String(age.evaluate(young))).toBe('25');
      expect(String(age.evaluate(old))).toBe('70');
      expect(String(age.evaluate(young))).toBe('25');
    });
    young.applicant.age = 26;
    withFieldCache(() => expect(String(age.evaluate(young))).toBe('26'));
  });

  it('shares one read between expressions on the same field', () => {
    let reads = 0;
    const applicant = { region: '罗平县' } as Record<string, unknown>;
    Object.defineProperty(applicant, 'age', {
      enumerable: true,
      get: () => {
        reads += 1;
        return 40;
      },
    });
    const rules = ['applicant.age > 18', 'applicant.age < 65', 'applicant.age in [22..60]'].map(compile);
    const application = { applicant };
    withFieldCache(() => {
      for (const rule of rules) expect(rule.evaluate(application)).toBe(true);
    });
    expect(reads).toBe(1);
  });
});
