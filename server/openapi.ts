import fs from 'node:fs';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import { DECISION_SCHEMA_ID, PRODUCT_SCHEMA_ID } from './engine/catalog.ts';
import { openApiPaths } from './channel/openapi-paths.ts';
import { bundleSchemas } from './openapi-bundle.ts';
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
  required: ['id', 'name', 'kind', 'version', 'hash', 'amount', 'termsMonths', 'repaymentMethods', 'rateRange', 'representativeApr', 'representativeExample', 'aprLabel'],
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
      description:
        'APR of the representative example (representativeExample: fees included, 100,000 clamped into what the product approves, 12 months or the nearest allowed term, equal installments when offered, the lowest rate). For a definition compiled before API 1.1: 10,000 clamped into the amount range, 12 months or the nearest term, the first method, the lowest rate, fees not included. null when none can be computed.',
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
    representativeExample: {
      description:
        'Added in API 1.1. The example to print next to the price, as banks print it (PBOC 2021 No. 3, fees included): text = 以借款 10 万元、期限 12 个月、等额本息为例，年化利率（单利）x.xx% / its English. null for a definition compiled before it or when no path can make one.',
      oneOf: [{ type: 'null' }, ref(`${PRODUCT_SCHEMA_ID}#/properties/display/properties/representativeExample`)],
    },
    aprLabel: localizedText,
  },
};

/** Component schemas. Each is self-contained: it refers only to the product schemas by their absolute `$id`. */
const schemas = {
  Problem: problemSchema,
  ProductList: { type: 'object', required: ['products'], additionalProperties: false, properties: { products: { type: 'array', items: productSummary } } },
  ProductCard: {
    type: 'object',
    description:
      "What a customer may see of a product, and what a channel needs to show and apply for it: name, amounts, terms, repayment methods, rates, representative APR, fees and display texts, and the application form schema. The product's rules, thresholds and strategy tables are not in it; `definition` is added only for keys granted the scope `definition:read`.",
    required: [...productSummary.required, 'applicationSchema', 'display'],
    additionalProperties: false,
    properties: {
      ...productSummary.properties,
      applicationSchema: { type: 'object', description: 'JSON Schema of the application this product reads (fields marked x-personal are personal data).' },
      display: ref(`${PRODUCT_SCHEMA_ID}#/properties/display`),
      definition: {
        ...ref(PRODUCT_SCHEMA_ID),
        description:
          "The full compiled definition (every block's config: admission rules, thresholds, rule sets, strategy tables). Only for API keys with the scope `definition:read`; absent otherwise.",
      },
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
  ScheduleRequest: {
    type: 'object',
    required: ['principal', 'method'],
    description: 'Validated field by field by the loan math (parseScheduleRequest); exactly one of annualRate and lpr.',
    properties: {
      principal: money,
      annualRate: ref(`${COMMON}#/$defs/percent`),
      lpr: {
        type: 'object',
        required: ['rate', 'effectiveDate', 'spreadBp'],
        properties: { rate: ref(`${COMMON}#/$defs/percent`), effectiveDate: { type: 'string', format: 'date' }, spreadBp: { type: 'number' } },
      },
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

/**
 * The component schemas: the ones above plus the product schemas they refer to, bundled so every
 * `$ref` is local (`#/components/schemas/Common_money`, `#/components/schemas/Decision`) and the
 * document stands alone for tools that do not resolve `$id`s.
 */
const componentSchemas = bundleSchemas(
  [
    { schema: readSchema('defs/common.schema.json'), prefix: 'Common' },
    { schema: readSchema('flow.schema.json'), prefix: 'Flow', rootName: 'FlowDocument' },
    { schema: readSchema('product.schema.json'), prefix: 'Product', rootName: 'ProductDefinition' },
    { schema: readSchema('decision.schema.json'), prefix: 'Decision', rootName: 'Decision' },
  ],
  schemas,
);

/**
 * OpenAPI 3.1 description of the channel API (`/api/v1`). Component schemas are bundled from
 * product-schemas/*.json with local references; tests validate every channel response against them
 * and lint the document with Redocly.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Loan building blocks — channel API',
    version: '1.1.0',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    description:
      'Products published to a channel, their configuration and application form, decisions and repayment schedules. Money is a decimal string, rates annual percent strings. 1.1.0 is backward compatible with 1.0.0: it only adds fields — offer.creditLine (授信额度, the approved line; offer.amount and termMonths are this draw, 支用金额; offer.limit is kept and equals offer.amount), and representativeExample in the product list (fees included).',
  },
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  servers: [{ url: '/api/v1' }],
  security: [{ apiKey: [] }],
  paths: openApiPaths,
  components: {
    securitySchemes: {
      apiKey: {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description:
          'One key per channel (app, mini-program, branch, pad, partner). Every key may list products, read product cards, ask for decisions and schedules. Scope `definition:read` (granted by an admin when creating the key, POST /api/studio/api-keys {"channel", "scopes": ["definition:read"]}) adds the full compiled definition to GET /products/{id} and /products/{id}/versions/{v}.',
      },
    },
    schemas: componentSchemas,
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
