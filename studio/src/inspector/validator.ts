import { createErrorHandler, toErrorSchema, unwrapErrorHandler, validationDataMerge } from '@rjsf/utils';
import type { CustomValidator, ErrorTransformer, RJSFSchema, RJSFValidationError, UiSchema, ValidationData, ValidatorType } from '@rjsf/utils';
import type { ErrorObject } from 'ajv';
import { isCompositeKeyword, localizeErrors } from '../../../shared/schema-messages.ts';
import { localeStore } from '../i18n/locale-store.ts';
import { SchemaValidator } from '../schema/schema-validator.ts';

const schemas = new SchemaValidator();

/** Ajv-shaped errors as rjsf's error list: `.a.b` property paths, a missing field's error placed on the field itself. */
function toRjsfErrors(errors: ErrorObject[]): RJSFValidationError[] {
  return errors.map(({ keyword, instancePath, params, message = '', schemaPath }) => {
    const parent = instancePath.replace(/\//g, '.');
    const property = 'missingProperty' in params ? `${parent}.${params.missingProperty}` : parent;
    return { name: keyword, property, message, params, stack: `${property} ${message}`.trim(), schemaPath };
  });
}

/**
 * rjsf's validator, backed by @cfworker/json-schema (schema-validator.ts) instead of
 * @rjsf/validator-ajv8: the server's CSP has no 'unsafe-eval', so Ajv could not compile in the page,
 * and the ajv8 validator shipped Ajv's ~390 KB only to have its compile step replaced. Messages are
 * ajv-i18n's zh-CN or English (localizeErrors), in the studio's current language.
 */
export const validator: ValidatorType = {
  rawValidation<Result = ErrorObject>(schema: RJSFSchema, formData?: unknown) {
    try {
      const errors = localizeErrors(schemas.check(schema, formData ?? {}), localeStore.get());
      return { errors: errors.length ? (errors as Result[]) : undefined };
    } catch (error) {
      return { errors: undefined, validationError: error as Error };
    }
  },
  validateFormData(formData: unknown, schema: RJSFSchema, customValidate?: CustomValidator, transformErrors?: ErrorTransformer, uiSchema?: UiSchema): ValidationData<unknown> {
    const { errors: raw = [], validationError } = this.rawValidation<ErrorObject>(schema, formData);
    let errors = toRjsfErrors(raw);
    // A schema the validator cannot check is shown on the form, never passed as valid.
    if (validationError) errors = [...errors, { stack: validationError.message }];
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    let errorSchema = toErrorSchema<unknown>(errors);
    if (validationError) errorSchema = { ...errorSchema, $schema: { __errors: [validationError.message] } } as typeof errorSchema;
    if (!customValidate) return { errors, errorSchema };
    const custom = unwrapErrorHandler(customValidate(formData, createErrorHandler(formData), uiSchema, errorSchema));
    return validationDataMerge({ errors, errorSchema }, custom);
  },
  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema) {
    try {
      return schemas.check(schema, formData, rootSchema).length === 0;
    } catch {
      return false;
    }
  },
};

/** rjsf's last pass: its `stack` (shown in lists) repeats the localized message. */
export function errorTransformer(): ErrorTransformer {
  return (errors) => errors.filter((error) => !isCompositeKeyword(error.name)).map((error) => ({ ...error, stack: `${error.property ?? ''} ${error.message ?? ''}`.trim() }));
}
