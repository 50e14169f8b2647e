type Schema = Record<string, unknown>;

/** Finds the schema a `$ref` names: another registered schema, or a fragment of the current one. */
/** One validation problem, pointing at the field (the size-limit walk's and Ajv's, as schema-registry.ts answers them). */
export interface SchemaProblem {
  pointer: string; // JSON pointer of the offending value, "" for the root
  message: string; // ajv's message, e.g. "must be >= 18"
  messageZh?: string; // the same in Chinese, for a Chinese reader (compile diagnostics, field errors in the studio)
  keyword: string; // the failing keyword
}

export type RefResolver = (ref: string, root: Schema) => { schema: Schema; root: Schema } | undefined;

const MAX_DEPTH = 100; // bodies are at most 64 deep; this only guards against a cyclic walk
const MAX_PROBLEMS = 20;

interface Walk {
  resolve: RefResolver;
  problems: SchemaProblem[];
  path: string[]; // keys and indexes from the root to the value being walked
  /** Counts properties `additionalProperties: false` forbids, keeping the first few (only when asked). */
  unknown?: { count: number; first: SchemaProblem[] };
}

/**
 * The size limits of a schema (`maxItems`, `maxLength`, `maxProperties`) checked on the data
 * before the full validation runs. With `allErrors`, Ajv still checks every item of an array
 * that is already too long (9,999 bad list items → 9,999 errors and tens of milliseconds); this
 * walk stops at the limit and costs a few operations per value. It follows only keywords that
 * apply unconditionally (`properties`, `items`, `prefixItems`, `additionalProperties`, `$ref`,
 * `allOf`), never `anyOf`/`oneOf`/`if`, so whatever it reports the full validation would report too.
 */
export function limitProblems(schema: object, data: unknown, resolve: RefResolver, unknownLimit?: number): SchemaProblem[] & { omitted?: number } {
  const state: Walk = { resolve, problems: [], path: [], ...(unknownLimit === undefined ? {} : { unknown: { count: 0, first: [] } }) };
  walk(schema as Schema, schema as Schema, data, 0, state);
  if (!state.unknown || state.unknown.count <= unknownLimit!) return state.problems;
  return Object.assign([...state.problems, ...state.unknown.first], { omitted: state.unknown.count - state.unknown.first.length });
}

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The JSON pointer of the value at `path`, written only when a problem is found: building it for
 * every value walked (two escapes and a concatenation per property) cost more than the walk, which
 * runs before every decision's validation.
 */
const pointerOf = (path: string[]): string => path.map((segment) => `/${escape(segment)}`).join('');

/** Numbers, booleans and null have no size limits and no properties: a value of those kinds is not walked into. */
const sized = (data: unknown): boolean => typeof data === 'string' || (data !== null && typeof data === 'object');

/** Walks into `data` under `key` (the path grows by it for the walk's length). */
function walkInto(schema: Schema, root: Schema, data: unknown, key: string, depth: number, state: Walk): void {
  state.path.push(key);
  walk(schema, root, data, depth, state);
  state.path.pop();
}

function walk(schema: Schema, root: Schema, data: unknown, depth: number, state: Walk): void {
  if (depth > MAX_DEPTH || state.problems.length >= MAX_PROBLEMS || schema === null || typeof schema !== 'object') return;
  const { resolve, problems, unknown } = state;
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref, root);
    if (target) walk(target.schema, target.root, data, depth + 1, state);
  }
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) walk(part as Schema, root, data, depth + 1, state);
  if (typeof data === 'string') {
    if (typeof schema.maxLength === 'number' && data.length > schema.maxLength)
      problems.push({ pointer: pointerOf(state.path), message: `must NOT have more than ${schema.maxLength} characters`, messageZh: `不应多于 ${schema.maxLength} 个字符`, keyword: 'maxLength' });
    return;
  }
  if (Array.isArray(data)) {
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) {
      problems.push({ pointer: pointerOf(state.path), message: `must NOT have more than ${schema.maxItems} items`, messageZh: `不应多于 ${schema.maxItems} 项`, keyword: 'maxItems' });
      return; // the items of a list that is too long are not looked at
    }
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    const items = schema.items && typeof schema.items === 'object' ? (schema.items as Schema) : undefined;
    for (let i = 0; i < data.length && problems.length < MAX_PROBLEMS; i++) {
      const itemSchema = i < prefix.length ? prefix[i] : items;
      if (itemSchema && sized(data[i])) walkInto(itemSchema, root, data[i], String(i), depth + 1, state);
    }
    return;
  }
  if (data === null || typeof data !== 'object') return;
  const keys = Object.keys(data);
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
    problems.push({
      pointer: pointerOf(state.path),
      message: `must NOT have more than ${schema.maxProperties} properties`,
      messageZh: `不应多于 ${schema.maxProperties} 个字段`,
      keyword: 'maxProperties',
    });
    return;
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  // additionalProperties applies only to keys no patternProperties matches: with patterns present, it is not followed
  const additional = schema.additionalProperties && typeof schema.additionalProperties === 'object' && !schema.patternProperties ? (schema.additionalProperties as Schema) : undefined;
  const closed = unknown !== undefined && schema.additionalProperties === false && !schema.patternProperties;
  for (const key of keys) {
    if (problems.length >= MAX_PROBLEMS) return;
    const known = Object.hasOwn(properties, key);
    if (closed && !known && unknown.count++ < MAX_PROBLEMS)
      unknown.first.push({ pointer: `${pointerOf(state.path)}/${escape(key)}`, message: 'must NOT have additional properties', messageZh: '不允许有额外的字段', keyword: 'additionalProperties' });
    const child = known ? properties[key] : additional;
    const value = (data as Record<string, unknown>)[key];
    if (child && sized(value)) walkInto(child, root, value, key, depth + 1, state);
  }
}
