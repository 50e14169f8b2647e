import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en/index.js'; // the file: Node's ESM loader (the bundled server) takes no directory import
import localizeZh from 'ajv-i18n/localize/zh/index.js';

/** The two languages the studio speaks. */
export type MessageLocale = 'zh-CN' | 'en';

const TYPE_NAMES: Record<MessageLocale, Record<string, string>> = {
  'zh-CN': { integer: '整数', number: '数字', string: '文本', boolean: '是或否', array: '列表', object: '一组字段', null: '空' },
  en: { integer: 'a whole number', number: 'a number', string: 'text', boolean: 'yes or no', array: 'a list', object: 'a group of fields', null: 'empty' },
};

const COMPOSITE = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'allOf']);

/** Whether an error's keyword only combines others (if/then/else, anyOf/oneOf/allOf): its branches already said what is wrong. */
export const isCompositeKeyword = (keyword: string | undefined): boolean => COMPOSITE.has(keyword ?? '');

/**
 * Ajv's messages in the reader's language, in place, one for one: ajv-i18n (zh / en) for every
 * keyword, then the few it words in schema terms made plain — a missing field is "必填 / Required"
 * under that field, a type names the kind of value.
 */
export function wordErrors(errors: ErrorObject[], locale: MessageLocale): ErrorObject[] {
  (locale === 'en' ? localizeEn : localizeZh)(errors);
  for (const error of errors) {
    if (error.keyword === 'required') error.message = locale === 'en' ? 'Required' : '必填';
    if (error.keyword === 'type') {
      const types = String(error.params.type)
        .split(',')
        .map((type) => TYPE_NAMES[locale][type] ?? type);
      error.message = locale === 'en' ? `Must be ${types.join(' or ')}` : `应为${types.join('或')}`;
    }
  }
  return errors;
}

/**
 * The errors a form shows, worded by {@link wordErrors}: the composite keywords that only repeat
 * what their branches already said under the fields are dropped (unless nothing else is left).
 * The studio's forms and the compiler's diagnostics word schema errors alike.
 */
export function localizeErrors(errors: ErrorObject[], locale: MessageLocale): ErrorObject[] {
  return wordErrors(
    errors.filter((error) => !isCompositeKeyword(error.keyword) || errors.every((other) => isCompositeKeyword(other.keyword))),
    locale,
  );
}
