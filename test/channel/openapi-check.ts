import type { Response } from 'supertest';
import { expect } from 'vitest';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Catalog } from '../../server/engine/catalog.ts';
import { toProblems } from '../../server/engine/schema-registry.ts';
import { openApiDocument } from '../../server/openapi.ts';

type Operation = { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> };
const compiled = new Map<string, ValidateFunction>();

/**
 * Asserts that a response is documented in the OpenAPI document (path, method, status) and that its
 * body satisfies the documented component schema, compiled once with the one Ajv instance.
 */
export function expectDocumented(catalog: Catalog, response: Response, method: 'get' | 'post', template: string): void {
  const operation = (openApiDocument.paths as unknown as Record<string, Record<string, Operation>>)[template]?.[method];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  const documented = operation.responses[String(response.status)];
  expect(documented, `${method} ${template} documents status ${response.status}`).toBeDefined();
  if (!documented.content) {
    expect(response.text ?? '').toBe('');
    return;
  }
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0];
  const media = documented.content[contentType];
  expect(media, `${method} ${template} ${response.status} is documented as ${contentType}`).toBeDefined();
  const name = media.schema.$ref.replace('#/components/schemas/', '');
  let validate = compiled.get(name);
  if (!validate) {
    // The document's refs are local (#/components/schemas/…): compile the component inside a schema
    // that holds every component under $defs, the same pointers one level up.
    const components = JSON.parse(JSON.stringify(openApiDocument.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
    validate = catalog.schemas.compile({ $id: `urn:loan-blocks:openapi:${name}`, $defs: components, $ref: `#/$defs/${name}` });
    compiled.set(name, validate);
  }
  const body = JSON.parse(response.text);
  const valid = validate(body);
  expect(valid ? [] : toProblems(validate.errors), `${method} ${template} ${response.status} matches ${name}`).toEqual([]);
}
