import { describe, expect, it } from 'vitest';
import { localizeErrors } from '../../shared/schema-messages.ts';
import { SchemaValidator } from '../../studio/src/schema/schema-validator.ts';

const schema = {
  type: 'object',
  required: ['fixedRate', 'method'],
  properties: { fixedRate: { type: 'number', minimum: 0 }, method: { type: 'string', enum: ['equal-installment', 'bullet'] }, terms: { type: 'array', items: { type: 'integer' } } },
  if: { properties: { method: { const: 'bullet' } } },
  then: { required: ['termDays'] },
};
const errorsFor = (data: unknown, locale: 'zh-CN' | 'en') => localizeErrors(new SchemaValidator().check(schema, data), locale);

describe('form validation messages', () => {
  it('are Chinese in zh-CN, with no Ajv English and no schema words', () => {
    const messages = errorsFor({ fixedRate: -1, method: 'nope', terms: ['12'] }, 'zh-CN').map((e) => e.message ?? '');
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const message of messages) {
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).not.toMatch(/must|integer|property|schema/);
    }
    expect(messages).toContain('应为整数');
  });

  it('say Required under a missing field, in either language', () => {
    expect(errorsFor({ method: 'bullet' }, 'zh-CN').map((e) => e.message)).toEqual(['必填', '必填']);
    expect(errorsFor({ method: 'equal-installment' }, 'en').map((e) => e.message)).toEqual(['Required']);
  });

  it('drop the "must match then schema" noise that repeats its branch', () => {
    const errors = errorsFor({ fixedRate: 1, method: 'bullet' }, 'en');
    expect(errors.map((e) => e.keyword)).toEqual(['required']);
    expect(errors[0].params).toMatchObject({ missingProperty: 'termDays' });
  });
});

describe('the forms validator (rjsf ValidatorType on @cfworker/json-schema)', () => {
  it('puts each message under its field, in the studio language (zh-CN by default)', async () => {
    const { validator } = await import('../../studio/src/inspector/validator.ts');
    const { errors, errorSchema } = validator.validateFormData({ fixedRate: -1, method: 'bullet' }, schema as never);
    expect(errors.map((e) => [e.property, e.name])).toEqual([
      ['.termDays', 'required'],
      ['.fixedRate', 'minimum'],
    ]);
    expect(errorSchema).toEqual({ termDays: { __errors: ['必填'] }, fixedRate: { __errors: ['应当为 >= 0'] } });
    expect(validator.isValid(schema as never, { fixedRate: 1, method: 'equal-installment' }, schema as never)).toBe(true);
    expect(validator.isValid(schema as never, { fixedRate: 1, method: 'bullet' }, schema as never)).toBe(false);
  });

  it('shows a schema it cannot check as a form error instead of accepting the data', async () => {
    const { validator } = await import('../../studio/src/inspector/validator.ts');
    const result = validator.validateFormData({ a: 1 }, { type: 'object', properties: { a: { type: 'integer', $dynamicRef: '#x' } } } as never);
    expect(result.errors.map((e) => e.stack)).toEqual([expect.stringContaining('"$dynamicRef"')]);
    expect(validator.isValid({ type: 'integer', maxLenght: 2 } as never, 1, {} as never)).toBe(false);
  });
});
