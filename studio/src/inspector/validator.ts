import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorTransformer, RJSFSchema, ValidatorType } from '@rjsf/utils';
import type { Locale } from '../api/types.ts';
import { SchemaChecker } from '../schema/schema-check.ts';

const checker = new SchemaChecker();

/**
 * rjsf's ajv8 validator with its compile step replaced by an interpreting checker: the server's
 * CSP has no 'unsafe-eval', so Ajv's generated code cannot run in the page. Error processing
 * (error schema, transformErrors, live validation) stays rjsf-ajv8's own.
 */
function cspSafeValidator(): ValidatorType {
  const validator = customizeValidator({ ajvOptionsOverrides: { strict: false } });
  validator.rawValidation = ((schema: RJSFSchema, formData: unknown) => {
    try {
      const errors = checker.check(schema as object, formData ?? {});
      return { errors: errors.length ? errors : undefined };
    } catch (error) {
      return { errors: undefined, validationError: error as Error };
    }
  }) as ValidatorType['rawValidation'];
  validator.isValid = (schema, formData, rootSchema) => {
    try {
      return checker.check(schema as object, formData, rootSchema as object).length === 0;
    } catch {
      return false;
    }
  };
  return validator;
}

export const validator = cspSafeValidator();

const ZH: Record<string, (params: Record<string, unknown>) => string> = {
  required: () => '必填',
  minimum: (p) => `不能小于 ${p.limit}`,
  maximum: (p) => `不能大于 ${p.limit}`,
  exclusiveMinimum: (p) => `必须大于 ${p.limit}`,
  exclusiveMaximum: (p) => `必须小于 ${p.limit}`,
  minLength: (p) => `至少 ${p.limit} 个字符`,
  maxLength: (p) => `最多 ${p.limit} 个字符`,
  pattern: () => '格式不正确',
  type: () => '类型不正确',
  enum: () => '请选择列表中的值',
  minItems: (p) => `至少 ${p.limit} 项`,
  maxItems: (p) => `最多 ${p.limit} 项`,
  format: () => '格式不正确',
  additionalProperties: () => '包含不允许的字段',
};

/** Ajv-style messages in Chinese for the common keywords (English keeps Ajv's wording). */
export function errorTransformer(locale: Locale): ErrorTransformer {
  return (errors) =>
    errors
      .filter((error) => error.name !== 'if')
      .map((error) => {
        const zh = locale === 'zh-CN' && error.name ? ZH[error.name] : undefined;
        if (!zh) return error;
        const message = zh((error.params ?? {}) as Record<string, unknown>);
        return { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() };
      });
}
