import { describe, expect, it } from 'vitest';
import { localizeErrors } from '../../studio/src/inspector/validator.ts';
import { SchemaChecker } from '../../studio/src/schema/schema-check.ts';

const schema = {
  type: 'object',
  required: ['fixedRate', 'method'],
  properties: { fixedRate: { type: 'number', minimum: 0 }, method: { type: 'string', enum: ['equal-installment', 'bullet'] }, terms: { type: 'array', items: { type: 'integer' } } },
  if: { properties: { method: { const: 'bullet' } } },
  then: { required: ['termDays'] },
};
const errorsFor = (data: unknown, locale: 'zh-CN' | 'en') => localizeErrors(new SchemaChecker().check(schema, data), locale);

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
