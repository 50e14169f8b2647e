import fs from 'node:fs';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import { DECISION_SCHEMA_ID, PRODUCT_SCHEMA_ID } from './engine/catalog.ts';
import { openApiPaths } from './channel/openapi-paths.ts';
import { fromRoot } from './root.ts';

const SCHEMAS = fromRoot('product-schemas');
const COMMON = 'https://schemas.loan-blocks.dev/defs/common.schema.json';
const readSchema = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));

const ref = ($ref: string) => ({ $ref });
const money = ref(`${COMMON}#/$defs/money`);
const localizedText = ref(`${COMMON}#/$defs/localizedText`);
const fieldError = { type: 'object', required: ['pointer', 'message'], properties: { pointer: { type: 'string' }, message: { type: 'string' } } };
const apr = ref(`${DECISION_SCHEMA_ID}#/$defs/apr`);

/** An RFC 9457 problem as every error of the API carries it. */
const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    detail: { type: 'string' },
    errors: { type: 'array', items: fieldError, description: 'The first 3 errors of each field, at most 100; errorsOmitted counts the rest' },
    errorsOmitted: { type: 'integer', minimum: 1, description: 'Field errors found but not listed' },
    limit: { enum: ['depth', 'arrayItems', 'objectKeys', 'stringLength'], description: 'JSON_LIMIT_EXCEEDED: the structural limit the body broke' },
    max: { type: 'integer', description: 'JSON_LIMIT_EXCEEDED: the value of that limit' },
  },
};

const productSummary = {
  type: 'object',
  required: ['id', 'name', 'kind', 'version', 'hash', 'amount', 'termsMonths', 'repaymentMethods', 'rateRange', 'representativeApr', 'aprLabel'],
  additionalProperties: false,
  properties: {
    id: ref(`${COMMON}#/$defs/id`),
    name: localizedText,
    kind: { enum: ['business', 'consumption', 'agriculture'] },
    version: { type: 'integer', minimum: 1 },
    hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
    amount: ref(`${PRODUCT_SCHEMA_ID}#/$defs/amount`),
    termsMonths: { type: 'array', items: { type: 'integer', minimum: 1 } },
    repaymentMethods: { type: 'array', items: ref(`${COMMON}#/$defs/repaymentMethod`) },
    rateRange: ref(`${PRODUCT_SCHEMA_ID}#/properties/display/properties/rateRange`),
    representativeApr: {
      description: 'APR (fees not included) of a representative loan: 10,000 clamped into the amount range, 12 months or the nearest allowed term, the first repayment method, the lowest rate. null when none can be computed.',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['simple', 'compound', 'example'],
          additionalProperties: false,
          properties: {
            simple: { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{4}$' },
            compound: { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{4}$' },
            example: {
              type: 'object',
              required: ['amount', 'termMonths', 'method', 'annualRate'],
              additionalProperties: false,
              properties: { amount: money, termMonths: { type: 'integer' }, method: ref(`${COMMON}#/$defs/repaymentMethod`), annualRate: ref(`${COMMON}#/$defs/percent`) },
            },
          },
        },
      ],
    },
    aprLabel: localizedText,
  },
};

/** Component schemas. Each is self-contained: it refers only to the product schemas by their absolute `$id`. */
const schemas = {
  Problem: problemSchema,
  ProductList: { type: 'object', required: ['products'], additionalProperties: false, properties: { products: { type: 'array', items: productSummary } } },
  ProductConfig: {
    type: 'object',
    required: ['id', 'version', 'hash', 'definition', 'applicationSchema', 'display'],
    additionalProperties: false,
    properties: {
      id: ref(`${COMMON}#/$defs/id`),
      version: { type: 'integer', minimum: 1 },
      hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
      definition: ref(PRODUCT_SCHEMA_ID),
      applicationSchema: { type: 'object', description: 'JSON Schema of the application this product reads (fields marked x-personal are personal data).' },
      display: ref(`${PRODUCT_SCHEMA_ID}#/properties/display`),
    },
  },
  DecisionRequest: {
    type: 'object',
    required: ['application'],
    additionalProperties: false,
    properties: {
      application: { type: 'object', description: "Validated against the product's applicationSchema." },
      requestedAmount: { type: ['string', 'number'], pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$', description: 'Money > 0, at most 2 decimals.' },
      termMonths: { type: 'integer', minimum: 1, maximum: 600 },
      repaymentMethod: ref(`${COMMON}#/$defs/repaymentMethod`),
      asOf: { type: 'string', format: 'date', description: 'Default: today in Asia/Shanghai by the server clock.' },
    },
  },
  Decision: ref(DECISION_SCHEMA_ID),
  ScheduleRequest: {
    type: 'object',
    required: ['principal', 'method'],
    description: 'Validated field by field by the loan math (parseScheduleRequest); exactly one of annualRate and lpr.',
    properties: {
      principal: money,
      annualRate: ref(`${COMMON}#/$defs/percent`),
      lpr: { type: 'object', required: ['rate', 'effectiveDate', 'spreadBp'], properties: { rate: ref(`${COMMON}#/$defs/percent`), effectiveDate: { type: 'string', format: 'date' }, spreadBp: { type: 'number' } } },
      termMonths: { type: 'integer', minimum: 1, maximum: 600 },
      termDays: { type: 'integer', minimum: 1 },
      method: ref(`${COMMON}#/$defs/repaymentMethod`),
      frequency: { enum: ['monthly', 'quarterly'] },
      dayCount: ref(`${COMMON}#/$defs/dayCount`),
      rounding: { type: 'object' },
      startDate: { type: 'string', format: 'date' },
      dueDates: { type: 'array', items: { type: 'string', format: 'date' } },
      paymentDay: { type: 'integer', minimum: 1, maximum: 31 },
      graceMonths: { type: 'integer', minimum: 0 },
      fees: { type: 'array', items: { type: 'object' } },
    },
  },
  ScheduleResult: {
    allOf: [ref(`${DECISION_SCHEMA_ID}#/properties/offer/properties/schedule`)],
    type: 'object',
    required: ['rows', 'totals', 'apr', 'netDisbursed', 'annualRate'],
    properties: { rows: { type: 'array' }, totals: { type: 'object' }, apr, netDisbursed: money, annualRate: { type: 'string' } },
  },
};

/** The product schemas the components refer to, embedded under their own `$id` so the document stands alone. */
const embedded = Object.fromEntries(
  ['defs/common.schema.json', 'flow.schema.json', 'product.schema.json', 'decision.schema.json'].map((file) => [file.replace('defs/', ''), readSchema(file)]),
);

/**
 * OpenAPI 3.1 description of the channel API (`/api/v1`). Component schemas embed or refer to
 * product-schemas/*.json by `$id`; tests validate every channel response against them.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Loan building blocks — channel API', version: '1.0.0', description: 'Products published to a channel, their configuration and application form, decisions and repayment schedules. Money is a decimal string, rates annual percent strings.' },
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  servers: [{ url: '/api/v1' }],
  security: [{ apiKey: [] }],
  paths: openApiPaths,
  components: {
    securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'One key per channel (app, mini-program, branch, pad, partner).' } },
    schemas: { ...schemas, ...embedded },
  },
} as const;

const documentBody = Buffer.from(JSON.stringify(openApiDocument));

/**
 * Serves the OpenAPI document at `GET /api/openapi.json`. Mount with `app.use(openApiRouter())`
 * (or `app.use('/api/openapi.json', openApiRouter())`; both work).
 */
export function openApiRouter(): Router {
  const router = Router();
  const send: RequestHandler = (_req, res) => {
    res.type('application/json').setHeader('Cache-Control', 'public, max-age=300');
    res.send(documentBody);
  };
  router.get('/api/openapi.json', send);
  router.get('/', (req, res, next) => (req.baseUrl === '/api/openapi.json' ? send(req, res, next) : next()));
  return router;
}
