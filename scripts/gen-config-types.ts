/**
 * Generates server/blocks/config-types.generated.ts — every block's Config type — from the block
 * config schemas (product-schemas/blocks/*.schema.json), so a field is written once, in its schema,
 * and the TypeScript type cannot drift from it (test/blocks/config-types.test.ts regenerates and
 * compares). Run `npm run gen:types` after changing a block schema or adding a block.
 *
 * json-schema-to-typescript emits source text (it needs no TypeScript compiler API, which
 * TypeScript 7 does not ship). The block schemas point at the shared definitions by absolute URL
 * (https://schemas.loan-blocks.dev/defs/common.schema.json#/$defs/…); they are rewritten to local
 * refs into one combined schema, so nothing is fetched and each shared type (Money, Percent, …) is
 * declared once. Nested `title`s are dropped before generation: they are form captions ("Row",
 * "Fee"), not type names; a block names a part of its config by indexed access instead
 * (`PricingTableConfig['rows'][number]`).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { ROOT as repositoryRoot } from '../server/root.ts';

/** Where the generated module lives, relative to the repository root. */
export const CONFIG_TYPES_PATH = 'server/blocks/config-types.generated.ts';

const COMMON_ID = 'https://schemas.loan-blocks.dev/defs/common.schema.json';
const BLOCKS_DIR = 'product-schemas/blocks';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const pascal = (name: string) => name.replace(/(^|[-_])([a-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase());

/** The generated name of a shared definition: money → Money; date → IsoDate (`Date` would hide the global). */
const commonName = (key: string) => (key === 'date' ? 'IsoDate' : pascal(key));

/** The generated name of a block's config: age-gate → AgeGateConfig. */
export const configTypeName = (blockType: string) => `${pascal(blockType)}Config`;

/**
 * A copy of a schema fit for type generation: absolute refs to the shared definitions become local
 * refs, `$schema`/`$id` go (they would make the generator resolve against the network), and nested
 * titles go; the `x-` annotations are ignored by the generator and kept out of the way.
 */
function forTypes(node: Json, depth: number): Json {
  if (Array.isArray(node)) return node.map((item) => forTypes(item, depth + 1));
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  // A $ref with a description would become a new alias per use (Money1, Money2, …): refs stay bare.
  const doc = typeof node.$ref === 'string' ? undefined : fieldDoc(node);
  if (doc) out.description = doc;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' && (doc || typeof node.$ref === 'string')) continue;
    if (key === '$schema' || key === '$id' || key.startsWith('x-')) continue;
    // Conditional requirements (if/then) are checked by the validator; the generator cannot type them.
    if (key === 'if' || key === 'then' || key === 'else') continue;
    if (key === 'allOf' && Array.isArray(value) && value.every((part) => isConditionalOnly(part))) continue;
    if (key === 'title' && depth > 0) continue;
    if (key === '$ref' && typeof value === 'string') {
      const [base, pointer] = value.split('#');
      if (base !== COMMON_ID || !pointer?.startsWith('/$defs/')) throw new Error(`Unexpected $ref ${value}: block schemas may point only at ${COMMON_ID}#/$defs/…`);
      out.$ref = `#/$defs/${commonName(pointer.slice('/$defs/'.length))}`;
      continue;
    }
    // Property names and enum values are data, not schema: copy them as they are.
    if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Json>).map(([name, sub]) => [name, forTypes(sub, depth + 1)]));
      continue;
    }
    if (key === 'enum' || key === 'const' || key === 'required' || key === 'default' || key === 'examples') {
      out[key] = value;
      continue;
    }
    out[key] = forTypes(value, depth + 1);
  }
  return out;
}

const english = (value: Json | undefined) => (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.en === 'string' ? value.en : undefined);

/**
 * The TSDoc of a field, from what the form shows: "Maximum age (years)." then the description or,
 * lacking one, the English help. Undefined when the schema says nothing of the kind.
 */
function fieldDoc(node: { [key: string]: Json }): string | undefined {
  const label = english(node['x-label']);
  const unit = typeof node['x-unit'] === 'string' ? node['x-unit'] : undefined;
  const body = typeof node.description === 'string' ? node.description : english(node['x-help']);
  const head = label ? `${label}${unit ? ` (${unit})` : ''}.` : unit ? `In ${unit}.` : undefined;
  const parts = [head, body].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(' ') : undefined;
}

/** An allOf part that only says "if … then required …": nothing a type can carry. */
function isConditionalOnly(part: Json): boolean {
  return part !== null && typeof part === 'object' && !Array.isArray(part) && Object.keys(part).every((key) => key === 'if' || key === 'then' || key === 'else');
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { [key: string]: Json };

/** Block type names that have a config schema, sorted. */
export function blockSchemaTypes(root = repositoryRoot): string[] {
  return readdirSync(join(root, BLOCKS_DIR))
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => name.slice(0, -'.schema.json'.length))
    .sort();
}

/** The generated module's source text, formatted by Biome as the repository formats TypeScript. */
export async function generateConfigTypes(root = repositoryRoot): Promise<string> {
  const common = readJson(join(root, 'product-schemas/defs/common.schema.json'));
  const defs: { [key: string]: Json } = {};
  for (const [key, def] of Object.entries(common.$defs as Record<string, Json>)) {
    const caption = (def as { title?: Json }).title;
    defs[commonName(key)] = { ...(forTypes(def, 1) as object), title: commonName(key), ...(typeof caption === 'string' ? { description: caption } : {}) };
  }
  const byType: { [key: string]: Json } = {};
  const types = blockSchemaTypes(root);
  for (const type of types) {
    const schema = readJson(join(root, BLOCKS_DIR, `${type}.schema.json`));
    const name = configTypeName(type);
    const description = [`Config of the ${type} block (product-schemas/blocks/${type}.schema.json).`, typeof schema.description === 'string' ? schema.description : undefined]
      .filter(Boolean)
      .join('\n\n');
    defs[name] = { ...(forTypes(schema, 0) as object), title: name, description };
    byType[type] = { $ref: `#/$defs/${name}` };
  }
  const combined = {
    title: 'BlockConfigByType',
    description: 'Each block type’s config type, by block type.',
    type: 'object',
    additionalProperties: false,
    required: types,
    properties: byType,
    $defs: defs,
  };
  const source = await compile(combined as JSONSchema, 'BlockConfigByType', {
    bannerComment: `/* Generated by scripts/gen-config-types.ts from product-schemas/blocks/*.schema.json and defs/common.schema.json. Do not edit: change the schema and run \`npm run gen:types\`. */`,
    format: false,
    unreachableDefinitions: true,
    // A schema without `additionalProperties: false` admits other keys; so does its type.
    additionalProperties: true,
    // Like the rest of the code base (noUncheckedIndexedAccess is off): a map's value type is not `| undefined`.
    strictIndexSignatures: false,
    unknownAny: true,
    declareExternallyReferenced: true,
    // Bounded arrays stay arrays: a 500-item limit is a validation rule, not a tuple type.
    ignoreMinAndMaxItems: true,
    $refOptions: { resolve: { http: false, file: false } },
  });
  return withoutProvenanceNotes(formatWithBiome(source));
}

/** Drops the generator's note under every type ("This interface was referenced by … via the definition …"): noise here. */
function withoutProvenanceNotes(source: string): string {
  return source
    .replace(/^ \* This interface was referenced by .*\n \* via the `definition` .*\n/gm, '')
    .replace(/^\/\*\*\n \*\/\n/gm, '')
    .replace(/^ \*\n \*\//gm, ' */');
}

/** Formats TypeScript source with the repository's Biome config (the same as `npm run format`). */
function formatWithBiome(source: string): string {
  const biome = join(repositoryRoot, 'node_modules/@biomejs/biome/bin/biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${CONFIG_TYPES_PATH}`], { cwd: repositoryRoot, input: source, encoding: 'utf8' });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = await generateConfigTypes();
  writeFileSync(join(repositoryRoot, CONFIG_TYPES_PATH), source);
  console.log(`wrote ${CONFIG_TYPES_PATH}`);
}
