import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import flowSchema from '../../../product-schemas/flow.schema.json';
import commonSchema from '../../../product-schemas/defs/common.schema.json';

/** flow.schema.json (with the shared defs) compiled once, for edits made in the JSON view. */
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(commonSchema);
export const validateFlow = ajv.compile(flowSchema);

export const FLOW_SCHEMA = flowSchema;
export const COMMON_SCHEMA = commonSchema;
