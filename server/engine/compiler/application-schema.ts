import type { FieldRead } from '../block-type.ts';

type Schema = { type?: unknown; properties?: Record<string, Schema>; required?: string[]; items?: Schema; [key: string]: unknown };

/** The standard dictionary with the product's own fields under `custom`. */
export function productApplicationSchema(standard: object, extraFields: Record<string, object>): object {
  const schema = structuredClone(standard) as Schema;
  if (Object.keys(extraFields).length) {
    schema.properties!.custom = { ...schema.properties!.custom, type: 'object', additionalProperties: false, properties: extraFields as Record<string, Schema> };
  }
  delete schema.$id;
  return schema;
}

/**
 * The JSON Schema of exactly the application fields the product's blocks read, so a channel can
 * build its application form from it. A field some block cannot decide without is required, and
 * so is every object on its way. Reads that go into an array keep the whole item schema.
 */
export function readFieldsSchema(full: object, reads: FieldRead[]): object {
  const source = full as Schema;
  // Other dictionary fields may be present (a channel may send a fuller application); the full
  // dictionary, checked separately at decision time, still refuses unknown or mistyped fields.
  const result: Schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: {}, required: [] };
  for (const key of ['title', 'x-label', 'description']) if (source[key] !== undefined) result[key] = source[key];
  const sorted = [...reads].sort((a, b) => a.path.localeCompare(b.path));
  for (const read of sorted) {
    let from: Schema | undefined = source;
    let into: Schema = result;
    const segments = read.path.split('.');
    for (let i = 0; i < segments.length && from; i++) {
      const name = segments[i];
      const child: Schema | undefined = from.properties?.[name];
      if (!child) break;
      const last = i === segments.length - 1 || child.type === 'array' || !child.properties;
      into.properties ??= {};
      if (last) {
        into.properties[name] = structuredClone(child);
      } else {
        const { properties: _properties, required: _required, additionalProperties: _closed, ...shell } = child;
        into.properties[name] ??= { ...shell, properties: {}, required: [] };
      }
      if (read.required && !into.required!.includes(name)) into.required!.push(name);
      if (last) break;
      from = child;
      into = into.properties[name];
    }
  }
  pruneEmptyRequired(result);
  return result;
}

function pruneEmptyRequired(schema: Schema): void {
  if (schema.required && schema.required.length === 0) delete schema.required;
  for (const child of Object.values(schema.properties ?? {})) pruneEmptyRequired(child);
}
