import flowSchema from '../../../product-schemas/flow.schema.json';
import commonSchema from '../../../product-schemas/defs/common.schema.json';
import { SchemaChecker } from '../schema/schema-check.ts';

/** flow.schema.json with the shared defs, for edits made in the JSON view (no code generation: CSP). */
const checker = new SchemaChecker([commonSchema, flowSchema]);

export function flowErrors(document: unknown) {
  return checker.check(flowSchema, document);
}

export const FLOW_SCHEMA = flowSchema;
export const COMMON_SCHEMA = commonSchema;
