/**
 * Bundles JSON Schemas that refer to each other by absolute `$id` into one OpenAPI document whose
 * every `$ref` is local (`#/components/schemas/…`), so the tools a channel developer reaches for
 * (Redocly, openapi-generator, openapi-typescript), which do not resolve embedded `$id`s, read it
 * without network. Each schema file contributes its `$defs` as components named `<Prefix>_<def>`
 * and, when it describes a value itself, its root under the name given; a `$ref` to any deeper
 * pointer (`…#/properties/display`) is inlined.
 */

type Json = Record<string, unknown>;

/** One schema file to bundle: its `$id` owner, the prefix of its `$defs` components, and the component name of its root (if any). */
export interface BundledSchema {
  schema: Json;
  prefix: string; // "Common" → Common_money
  rootName?: string; // "ProductDefinition"; files that only hold $defs have none
}

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

function at(root: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
}

const OBJECT_SHAPE_KEYWORDS = ['properties', 'additionalProperties', 'patternProperties', 'unevaluatedProperties', 'propertyNames', 'allOf', 'anyOf', 'oneOf', 'if', '$ref'];

/**
 * An object schema that lists no properties admits any (JSON Schema's default), but code
 * generators read it as an empty object: openapi-typescript writes `Record<string, never>`, so a
 * typed client could not send a decision's `application` at all. The document says it outright.
 */
function openObject(schema: Json): Json {
  if (schema.type !== 'object' || OBJECT_SHAPE_KEYWORDS.some((key) => key in schema)) return schema;
  return { ...schema, additionalProperties: true };
}

/**
 * The component schemas of the bundled files plus `extra` components (written with absolute refs),
 * every reference rewritten to a local one. Throws on a reference it cannot resolve, so a broken
 * document never ships.
 */
export function bundleSchemas(files: BundledSchema[], extra: Record<string, unknown>): Record<string, unknown> {
  const byId = new Map(files.map((file) => [String(file.schema.$id), file]));
  const components: Record<string, unknown> = {};

  const rewrite = (node: unknown, baseId: string, depth: number): unknown => {
    if (depth > 64) throw new Error(`OpenAPI bundle: references nest deeper than 64 under ${baseId}`);
    if (Array.isArray(node)) return node.map((item) => rewrite(item, baseId, depth + 1));
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$id' || key === '$schema' || key === '$defs') continue;
      out[key] = key === '$ref' && typeof value === 'string' ? undefined : rewrite(value, baseId, depth + 1);
    }
    if (typeof node.$ref !== 'string') return openObject(out);
    delete out.$ref;
    const [target, fragment = ''] = node.$ref.split('#');
    if (!target && fragment.startsWith('/components/')) return { ...out, $ref: node.$ref }; // already local to the document
    const file = byId.get(target || baseId);
    if (!file) throw new Error(`OpenAPI bundle: unresolvable $ref ${node.$ref} in ${baseId || 'the document'}`);
    const def = /^\/\$defs\/([^/]+)$/.exec(fragment);
    if (def) return { ...out, $ref: `#/components/schemas/${file.prefix}_${def[1]}` };
    if ((fragment === '' || fragment === '/') && file.rootName) return { ...out, $ref: `#/components/schemas/${file.rootName}` };
    const resolved = at(file.schema, fragment);
    if (resolved === undefined) throw new Error(`OpenAPI bundle: unresolvable $ref ${node.$ref}`);
    // A pointer into a schema's inside has no component of its own: inline it, siblings win.
    return { ...(rewrite(resolved, String(file.schema.$id), depth + 1) as Json), ...out };
  };

  for (const file of files) {
    const id = String(file.schema.$id);
    for (const [name, def] of Object.entries((file.schema.$defs as Json | undefined) ?? {})) components[`${file.prefix}_${name}`] = rewrite(def, id, 0);
    if (file.rootName) components[file.rootName] = rewrite(file.schema, id, 0);
  }
  for (const [name, schema] of Object.entries(extra)) components[name] = rewrite(schema, '', 0);
  return components;
}

/** Every `$ref` in a document, for the test that checks they are all local and resolve. */
export function allRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) allRefs(item, found);
  else if (isObject(node)) for (const [key, value] of Object.entries(node)) key === '$ref' && typeof value === 'string' ? found.push(value) : allRefs(value, found);
  return found;
}
