import Ajv2020 from 'ajv/dist/2020.js';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorTransformer } from '@rjsf/utils';
import type { Locale } from '../api/types.ts';

/** rjsf's ajv8 validator on the 2020-12 dialect our block schemas use. */
export const validator = customizeValidator({ AjvClass: Ajv2020 as never, ajvOptionsOverrides: { strict: false } });

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
};

/** Ajv's messages in Chinese for the common keywords (English is ajv's own). */
export function errorTransformer(locale: Locale): ErrorTransformer {
  return (errors) =>
    errors
      .filter((error) => error.name !== 'if')
      .map((error) => {
        const zh = locale === 'zh-CN' && error.name ? ZH[error.name] : undefined;
        return zh ? { ...error, message: zh((error.params ?? {}) as Record<string, unknown>), stack: zh((error.params ?? {}) as Record<string, unknown>) } : error;
      });
}
