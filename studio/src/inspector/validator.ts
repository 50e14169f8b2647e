import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';
import type { ErrorTransformer, RJSFSchema, ValidatorType } from '@rjsf/utils';
import type { Locale } from '../api/types.ts';
import { localeStore } from '../i18n/locale-store.ts';
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
      const errors = localizeErrors(checker.check(schema as object, formData ?? {}), localeStore.get());
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

const TYPE_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { integer: '整数', number: '数字', string: '文本', boolean: '是或否', array: '列表', object: '一组字段', null: '空' },
  en: { integer: 'a whole number', number: 'a number', string: 'text', boolean: 'yes or no', array: 'a list', object: 'a group of fields', null: 'empty' },
};

/**
 * Ajv's messages in the UI language: ajv-i18n (zh / en) for every keyword, then the few it words
 * in schema terms made plain — a missing field is "必填 / Required" under that field, a type
 * names the kind of value — and the composite keywords (if/then/else, anyOf/oneOf) that only
 * repeat what their branches already said under the fields are dropped.
 */
export function localizeErrors(errors: ErrorObject[], locale: Locale): ErrorObject[] {
  const kept = errors.filter((error) => !COMPOSITE.has(error.keyword) || errors.every((other) => COMPOSITE.has(other.keyword)));
  (locale === 'en' ? localizeEn : localizeZh)(kept);
  for (const error of kept) {
    if (error.keyword === 'required') error.message = locale === 'en' ? 'Required' : '必填';
    if (error.keyword === 'type') {
      const types = String(error.params.type).split(',').map((type) => TYPE_NAMES[locale][type] ?? type);
      error.message = locale === 'en' ? `Must be ${types.join(' or ')}` : `应为${types.join('或')}`;
    }
  }
  return kept;
}

const COMPOSITE = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'allOf']);

/** rjsf's last pass: its `stack` (shown in lists) repeats the localized message. */
export function errorTransformer(): ErrorTransformer {
  return (errors) => errors.filter((error) => !COMPOSITE.has(error.name ?? '')).map((error) => ({ ...error, stack: `${error.property ?? ''} ${error.message ?? ''}`.trim() }));
}
