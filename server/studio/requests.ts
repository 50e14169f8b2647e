import type { ValidateFunction } from 'ajv';
import type { SchemaRegistry } from '../engine/schema-registry.ts';
import { toProblems } from '../engine/schema-registry.ts';
import { HttpProblem } from '../http/problem.ts';
import { PASSWORD_MAX_LENGTH, ROLES, USERNAME_PATTERN } from '../auth/users.ts';
import { API_KEY_SCOPES } from '../channel/api-keys.ts';

const COMMON = 'https://schemas.loan-blocks.dev/defs/common.schema.json#/$defs';
const name = { $ref: `${COMMON}/localizedText` };
const comment = { type: 'string', maxLength: 2000 };
const displayName = { type: 'string', minLength: 1, maxLength: 100 };
const roles = { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { enum: [...ROLES] } };
const password = { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH };
const productId = { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 };

/** JSON Schemas of the studio's request bodies, compiled once at start-up by the one Ajv instance. */
const REQUEST_SCHEMAS = {
  session: {
    type: 'object',
    required: ['username', 'password'],
    properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
  },
  createProduct: {
    type: 'object',
    required: ['from', 'id', 'name'],
    properties: {
      from: { enum: ['empty', 'template', 'derived'] },
      id: productId,
      name,
      template: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
      base: { type: 'object', required: ['productId'], additionalProperties: false, properties: { productId, version: { type: 'integer', minimum: 1 } } },
    },
  },
  saveDraft: { type: 'object', required: ['document'], properties: { document: {} } },
  rename: { type: 'object', additionalProperties: false, properties: { name } },
  compile: { type: 'object', required: ['document'], properties: { document: {} } },
  simulate: {
    type: 'object',
    required: ['application'],
    properties: { application: {}, requestedAmount: {}, termMonths: {}, repaymentMethod: {}, asOf: { type: 'string', format: 'date' }, channel: { type: 'string', maxLength: 40 } },
  },
  submit: { type: 'object', properties: { comment, suiteFailureReason: { type: 'string', maxLength: 2000 }, portfolio: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } } },
  approve: { type: 'object', properties: { comment } },
  reject: { type: 'object', required: ['comment'], properties: { comment: { ...comment, minLength: 1 } } },
  rollback: { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1 }, comment } },
  apiKey: {
    type: 'object',
    required: ['channel'],
    additionalProperties: false,
    properties: { channel: { $ref: `${COMMON}/channel` }, scopes: { type: 'array', maxItems: 4, uniqueItems: true, items: { enum: [...API_KEY_SCOPES] } } },
  },
  createUser: {
    type: 'object',
    required: ['username', 'roles', 'password'],
    additionalProperties: false,
    properties: { username: { type: 'string', pattern: USERNAME_PATTERN }, displayName, roles, password },
  },
  updateUser: { type: 'object', additionalProperties: false, minProperties: 1, properties: { displayName, roles, disabled: { type: 'boolean' } } },
  resetPassword: { type: 'object', required: ['password'], additionalProperties: false, properties: { password } },
  changeOwnPassword: { type: 'object', required: ['currentPassword', 'newPassword'], additionalProperties: false, properties: { currentPassword: password, newPassword: password } },
} as const;

export type RequestKind = keyof typeof REQUEST_SCHEMAS;

/** Validators for every request body, by kind. */
export type RequestValidators = Record<RequestKind, ValidateFunction>;

export function compileRequestValidators(schemas: SchemaRegistry): RequestValidators {
  const entries = Object.entries(REQUEST_SCHEMAS).map(([kind, schema]) => [kind, schemas.compile(schema)]);
  return Object.fromEntries(entries) as RequestValidators;
}

/**
 * Checks a request body and returns it typed; throws 422 REQUEST_INVALID with a pointer per
 * problem. A missing body (no JSON content type) is checked as `{}`.
 */
export function readBody<T>(validators: RequestValidators, kind: RequestKind, body: unknown): T {
  const value = body === undefined ? {} : body;
  const validate = validators[kind];
  if (!validate(value))
    throw new HttpProblem(422, 'REQUEST_INVALID', 'The request body is invalid', { errors: toProblems(validate.errors).map(({ pointer, message, messageZh }) => ({ pointer, message, messageZh })) });
  return value as T;
}
