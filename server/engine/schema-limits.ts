import type { SchemaProblem } from './schema-registry.ts';

type Schema = Record<string, unknown>;

/** Finds the schema a `$ref` names: another registered schema, or a fragment of the current one. */
export type RefResolver = (ref: string, root: Schema) => { schema: Schema; root: Schema } | undefined;

const MAX_DEPTH = 100; // bodies are at most 64 deep; this only guards against a cyclic walk
const MAX_PROBLEMS = 20;

/**
 * The size limits of a schema (`maxItems`, `maxLength`, `maxProperties`) checked on the data
 * before the full validation runs. With `allErrors`, Ajv still checks every item of an array
 * that is already too long (9,999 bad list items → 9,999 errors and tens of milliseconds); this
 * walk stops at the limit and costs a few operations per value. It follows only keywords that
 * apply unconditionally (`properties`, `items`, `prefixItems`, `additionalProperties`, `$ref`,
 * `allOf`), never `anyOf`/`oneOf`/`if`, so whatever it reports the full validation would report too.
 */
export function limitProblems(schema: object, data: unknown, resolve: RefResolver): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(schema as Schema, schema as Schema, data, [], 0, resolve, problems);
  return problems;
}

/**
 * The JSON pointer of the value at `path`, written only when a problem is found: building it for
 * every value walked (two escapes and a concatenation per property) cost more than the walk.
 */
const pointerOf = (path: string[]): string => path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Numbers, booleans and null have no size limits: a value of those kinds is not walked into. */
const sized = (data: unknown): boolean => typeof data === 'string' || (data !== null && typeof data === 'object');

function walk(schema: Schema, root: Schema, data: unknown, path: string[], depth: number, resolve: RefResolver, problems: SchemaProblem[]): void {
  if (depth > MAX_DEPTH || problems.length >= MAX_PROBLEMS || schema === null || typeof schema !== 'object') return;
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref, root);
    if (target) walk(target.schema, target.root, data, path, depth + 1, resolve, problems);
  }
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) walk(part as Schema, root, data, path, depth + 1, resolve, problems);
  if (typeof data === 'string') {
    if (typeof schema.maxLength === 'number' && data.length > schema.maxLength)
      problems.push({ pointer: pointerOf(path), message: `must NOT have more than ${schema.maxLength} characters`, keyword: 'maxLength' });
    return;
  }
  if (Array.isArray(data)) {
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) {
      problems.push({ pointer: pointerOf(path), message: `must NOT have more than ${schema.maxItems} items`, keyword: 'maxItems' });
      return; // the items of a list that is too long are not looked at
    }
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    const items = schema.items && typeof schema.items === 'object' ? (schema.items as Schema) : undefined;
    for (let i = 0; i < data.length && problems.length < MAX_PROBLEMS; i++) {
      const itemSchema = i < prefix.length ? prefix[i] : items;
      if (!itemSchema || !sized(data[i])) continue;
      path.push(String(i));
      walk(itemSchema, root, data[i], path, depth + 1, resolve, problems);
      path.pop();
    }
    return;
  }
  if (data === null || typeof data !== 'object') return;
  const keys = Object.keys(data);
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
    problems.push({ pointer: pointerOf(path), message: `must NOT have more than ${schema.maxProperties} properties`, keyword: 'maxProperties' });
    return;
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  // additionalProperties applies only to keys no patternProperties matches: with patterns present, it is not followed
  const additional = schema.additionalProperties && typeof schema.additionalProperties === 'object' && !schema.patternProperties ? (schema.additionalProperties as Schema) : undefined;
  for (const key of keys) {
    if (problems.length >= MAX_PROBLEMS) return;
    const child = Object.hasOwn(properties, key) ? properties[key] : additional;
    const value = (data as Record<string, unknown>)[key];
    if (!child || !sized(value)) continue;
    path.push(key);
    walk(child, root, value, path, depth + 1, resolve, problems);
    path.pop();
  }
}
