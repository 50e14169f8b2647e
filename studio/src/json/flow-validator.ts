import flowSchema from '../../../product-schemas/flow.schema.json';
import commonSchema from '../../../product-schemas/defs/common.schema.json';
import { localeStore } from '../i18n/locale-store.ts';
import { localizeErrors } from '../../../shared/schema-messages.ts';
import { SchemaValidator } from '../schema/schema-validator.ts';

/** flow.schema.json with the shared defs, for edits made in the JSON view (no code generation: CSP). */
const schemas = new SchemaValidator([commonSchema, flowSchema]);

/** The document's errors against flow.schema.json, worded in the studio's current language. */
export function flowErrors(document: unknown) {
  return localizeErrors(schemas.check(flowSchema, document), localeStore.get());
}

export const FLOW_SCHEMA = flowSchema;
export const COMMON_SCHEMA = commonSchema;
