import { format, schemaArrayKeyword, schemaKeyword, schemaMapKeyword } from '@cfworker/json-schema';

/**
 * What the studio's validator (@cfworker/json-schema 4) checks. Like every JSON Schema validator it
 * ignores a keyword it does not know, which would let a schema with, say, `$dynamicRef` or a
 * misspelt `maxLenght` pass data it should refuse; so each schema is read once before use and a
 * keyword outside these lists is an error. The lists are cfworker's own (its validate.js), not the
 * whole of 2020-12: `$dynamicRef`/`$dynamicAnchor` and `contentSchema` are not among them.
 */
const VALIDATED = new Set([
  '$ref',
  '$recursiveRef',
  '$recursiveAnchor',
  'type',
  'const',
  'enum',
  'required',
  'not',
  'anyOf',
  'allOf',
  'oneOf',
  'if',
  'then',
  'else',
  'format',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'prefixItems',
  'items',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
]);

/** Identifiers and annotations: they say nothing about validity (JSON Schema's core and meta-data vocabularies). */
const STRUCTURE_AND_ANNOTATIONS = new Set([
  '$id',
  '$schema',
  '$anchor',
  '$defs',
  'definitions',
  '$comment',
  '$vocabulary',
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
]);

/** Keywords whose values are sub-schemas, keyed by how they hold them (cfworker's own tables). */
const isSchemaKeyword = (key: string) => key in schemaKeyword || key in schemaArrayKeyword || key in schemaMapKeyword;

/**
 * The project's annotation vocabulary (`x-label`, `x-help`, `x-unit`, `x-widget`, …: README, "Adding a
 * block type"), and the marks rjsf puts on schemas it resolves (`__rjsf_additionalProperties`).
 */
const isAnnotation = (key: string) => key.startsWith('x-') || key.startsWith('__rjsf');

/**
 * Throws when a schema uses a keyword or a `format` the studio's validator does not check, naming
 * the keyword and where it is. Annotations (`title`, `x-*`, …) are fine.
 */
export function assertSupportedSchema(schema: unknown, at = '#'): void {
  if (typeof schema === 'boolean') return;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error(`${at} is not a schema`);
  const id = (schema as { $id?: string }).$id;
  for (const [key, value] of Object.entries(schema)) {
    const where = `${id && at === '#' ? id : at}/${key}`;
    if (!VALIDATED.has(key) && !STRUCTURE_AND_ANNOTATIONS.has(key) && !isAnnotation(key)) throw new Error(`The studio's validator does not check the keyword "${key}" (${where})`);
    if (key === 'format' && !(value in format)) throw new Error(`The studio's validator does not check the format "${value}" (${where})`);
    if (!isSchemaKeyword(key) || value === null || typeof value !== 'object') continue;
    const parts: [string, unknown][] = Array.isArray(value) || key in schemaMapKeyword ? Object.entries(value) : [['', value]];
    for (const [name, sub] of parts) assertSupportedSchema(sub, name ? `${where}/${name}` : where);
  }
}
