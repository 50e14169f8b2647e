/** The paths of the channel API's OpenAPI document (server/openapi.ts holds the schemas). */

const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: schema(name) } } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: schema('Problem') } } });
const productId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Product id' };
const versionParam = { name: 'v', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'Published version' };
const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'An ETag from an earlier answer; 304 when unchanged' };
const productHeaders = {
  ETag: { description: '"<definition hash>" for the product card; "<definition hash>;definition" with the definition (scope definition:read)', schema: { type: 'string' } },
  Vary: { description: 'X-API-Key: what a key may see depends on its scopes', schema: { type: 'string' } },
  'Cache-Control': { description: 'public, max-age=60 for the latest version; immutable for a pinned one', schema: { type: 'string' } },
};
const unauthorized = problem('API_KEY_MISSING or API_KEY_INVALID');
const tooLarge = problem(
  'PAYLOAD_TOO_LARGE: body over 1 MB; JSON_LIMIT_EXCEEDED: nested deeper than 64, an array over 10,000 items, an object over 5,000 keys or a string over 100,000 characters (`limit`, `max` and the pointer in `errors` say which)',
);
const malformed = problem('JSON_MALFORMED: the body is not JSON');
const productConfig = {
  ...json(
    'ProductCard',
    'The product card: name, amounts, terms, rates and APR, fees, display texts and the application form schema; with the compiled definition only for a key granted definition:read',
  ),
  headers: productHeaders,
};

/** Operations of `/api/v1`, relative to the server URL. */
export const openApiPaths = {
  '/products': {
    get: {
      operationId: 'listProducts',
      summary: "Products published to the caller's channel (latest versions)",
      responses: { 200: json('ProductList', 'Products with amount and term bounds, rate range and a representative APR'), 401: unauthorized },
    },
  },
  '/products/{id}': {
    get: {
      operationId: 'getProduct',
      summary: 'The latest published version of a product',
      parameters: [productId, ifNoneMatch],
      responses: {
        200: productConfig,
        304: { description: 'Not modified (If-None-Match matched the ETag)', headers: productHeaders },
        401: unauthorized,
        404: problem('PRODUCT_NOT_FOUND: no such product published to this channel'),
      },
    },
  },
  '/products/{id}/versions/{v}': {
    get: {
      operationId: 'getProductVersion',
      summary: 'One pinned, immutable published version',
      parameters: [productId, versionParam, ifNoneMatch],
      responses: {
        200: productConfig,
        304: { description: 'Not modified', headers: productHeaders },
        401: unauthorized,
        404: problem('VERSION_NOT_FOUND: no such version published to this channel'),
      },
    },
  },
  '/products/{id}/decisions': {
    post: {
      operationId: 'decide',
      summary: "Decides one application with the product's latest version (approve, refer or decline, with the offer and schedule)",
      parameters: [
        productId,
        {
          name: 'include',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['trace'] },
          description: 'trace: add the path block by block (the product’s internal rules and strategy rows); left out by default, and only for keys with the scope definition:read',
        },
        {
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 64 },
          description:
            'Echoed back and logged when it is a UUID or 1–64 letters, digits, ".", "_", "-" with never five digits in a row (no phone, ID or card number can ride along); otherwise replaced by a generated UUID',
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: schema('DecisionRequest') } } },
      responses: {
        200: json('Decision', 'The decision (product-schemas/decision.schema.json)'),
        400: malformed,
        401: unauthorized,
        403: problem('SCOPE_REQUIRED: ?include=trace needs a key with the scope definition:read'),
        404: problem('PRODUCT_NOT_FOUND'),
        413: tooLarge,
        422: problem('APPLICATION_INVALID (every error under /application) or REQUEST_INVALID, one error per bad field with its JSON pointer'),
      },
    },
  },
  '/schedules': {
    post: {
      operationId: 'computeSchedule',
      summary: 'Repayment schedule calculator: instalments, totals and APR',
      requestBody: { required: true, content: { 'application/json': { schema: schema('ScheduleRequest') } } },
      responses: {
        200: json('ScheduleResult', 'The schedule'),
        400: malformed,
        401: unauthorized,
        413: tooLarge,
        422: problem('SCHEDULE_REQUEST_INVALID, one error per bad field with its JSON pointer'),
      },
    },
  },
};
