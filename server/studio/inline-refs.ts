import type { SchemaRegistry } from '../engine/schema-registry.ts';

const MAX_DEPTH = 32;

/** Follows a JSON pointer fragment ("/$defs/money") inside a schema. */
function at(schema: unknown, fragment: string): unknown {
  if (!fragment || fragment === '/') return schema;
  return fragment
    .split('/')
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), schema);
}

/**
 * A copy of `schema` with every `$ref` replaced by the schema it points to — references into other
 * registered schemas (defs/common) and local `#/$defs/...` alike — so a browser form library can
 * use it standalone, without a registry. Keywords next to a `$ref` (a `title`) win over the target's.
 * `$id` and `$defs` are dropped from the result: everything they served is inline now.
 */
export function inlineRefs(schema: object, registry: SchemaRegistry): object {
  const rootId = (schema as { $id?: string }).$id ?? '';
  const walk = (node: unknown, documentRoot: unknown, documentId: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Error(`schema ${rootId} nests references deeper than ${MAX_DEPTH}`);
    if (Array.isArray(node)) return node.map((item) => walk(item, documentRoot, documentId, depth));
    if (!node || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const siblings = Object.fromEntries(
      Object.entries(rest)
        .filter(([key]) => key !== '$id' && key !== '$defs')
        .map(([key, value]) => [key, walk(value, documentRoot, documentId, depth)]),
    );
    if (typeof $ref !== 'string') return siblings;
    const [target, fragment = ''] = $ref.split('#');
    const targetId = target || documentId;
    const targetRoot = target ? registry.schema(targetId) : documentRoot;
    const resolved = at(targetRoot, fragment);
    if (resolved === undefined) throw new Error(`unresolvable $ref ${$ref} in ${rootId}`);
    const inlined = walk(resolved, targetRoot, targetId, depth + 1) as Record<string, unknown>;
    return { ...inlined, ...siblings };
  };
  return walk(schema, schema, rootId, 0) as object;
}
