import { dereference, validate, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { ErrorObject } from 'ajv';
import { assertSupportedSchema } from './supported-keywords.ts';

type Lookup = Record<string, Schema | boolean>;
type Params = Record<string, unknown>;

/** Where a schema without `$id` sits: its `#/…` references resolve against it. */
const ANONYMOUS_BASE = new URL('urn:loan-blocks:studio-form');

/**
 * JSON Schema (2020-12) validation in the page, by @cfworker/json-schema: an interpreting validator
 * that never generates code, so it runs under the server's CSP (script-src 'self', no
 * 'unsafe-eval'), where Ajv's compiled validators cannot. Every schema is first checked for
 * keywords and formats the validator implements (supported-keywords.ts): an unknown one is an error,
 * never silently skipped. Errors come out in Ajv's shape (keyword, instancePath, params, message)
 * so ajv-i18n words them in zh-CN and English and rjsf places them under the fields.
 */
export class SchemaValidator {
  private readonly registry: Lookup = Object.create(null); // schemas by $id, for references between documents
  private readonly roots = new WeakMap<object, Lookup>(); // per root schema: the registry plus its own `#/…` pointers
  private readonly checked = new WeakSet<object>();

  constructor(schemas: object[] = []) {
    for (const schema of schemas) this.add(schema);
  }

  /** Registers a schema with an `$id`, so other schemas may `$ref` it. */
  add(schema: object): void {
    this.assertSupported(schema);
    dereference(schema as Schema, this.registry);
    this.roots.set(schema, this.registry);
  }

  /**
   * All errors of `data` against `schema`, in Ajv's shape. `root` is the document `schema` is part of
   * (rjsf asks about sub-schemas of a form's schema); `#/…` references resolve in it. Throws on a
   * schema that uses a keyword or format the validator does not implement.
   */
  check(schema: object | boolean, data: unknown, root: object | boolean = schema): ErrorObject[] {
    if (typeof schema === 'object') this.assertSupported(schema);
    const lookup = this.lookupFor(root, schema);
    const result = validate(plainJson(data), schema as Schema, '2020-12', lookup, false);
    return result.valid ? [] : toAjvErrors(result.errors, typeof root === 'object' ? root : {}, lookup);
  }

  private assertSupported(schema: object): void {
    if (this.checked.has(schema)) return;
    assertSupportedSchema(schema);
    this.checked.add(schema);
  }

  private lookupFor(root: object | boolean, schema: object | boolean): Lookup {
    if (typeof root !== 'object') return this.registry;
    let lookup = this.roots.get(root);
    if (!lookup) {
      this.assertSupported(root);
      lookup = Object.create(this.registry) as Lookup; // reads fall through to the registered documents
      dereference(root as Schema, lookup, ANONYMOUS_BASE);
      this.roots.set(root, lookup);
    }
    // A sub-schema rjsf built itself (not an object of the root) is placed under the root's base.
    if (typeof schema === 'object' && schema !== root && (schema as Schema).__absolute_uri__ === undefined) {
      const base = new URL((root as Schema).__absolute_uri__ ?? ANONYMOUS_BASE.href);
      dereference(schema as Schema, Object.create(lookup) as Lookup, base, '/__part');
    }
    return lookup;
  }
}

/**
 * The data as JSON sees it: form data has `undefined` for cleared fields (a missing property to a
 * schema), which the validator refuses as a value.
 */
function plainJson(data: unknown): unknown {
  return data === undefined ? null : JSON.parse(JSON.stringify(data));
}

/** Output units that only say "a sub-schema failed" (`if`: "then failed"): that sub-schema's own errors follow them. */
const CONTAINERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'allOf',
  'if',
  'dependentSchemas',
  'dependencies',
  'unevaluatedItems',
]);

const pointerToPath = (location: string) => location.replace(/^#/, '');
const lastSegment = (location: string) =>
  decodeURIComponent(location.slice(location.lastIndexOf('/') + 1))
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');

/** The value of the keyword an output unit names, found by walking its keyword location (through `$ref`s). */
function keywordValue(root: object, location: string, lookup: Lookup): unknown {
  let node: unknown = root;
  for (const raw of location.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    const schema = node as Schema;
    node = segment === '$ref' && schema?.__absolute_ref__ ? lookup[schema.__absolute_ref__] : schema?.[segment];
  }
  return node;
}

function paramsOf(unit: OutputUnit, value: unknown): Params {
  switch (unit.keyword) {
    case 'type':
      return { type: Array.isArray(value) ? value.join(',') : value };
    case 'enum':
      return { allowedValues: value };
    case 'const':
      return { allowedValue: value };
    case 'minimum':
      return { comparison: '>=', limit: value };
    case 'maximum':
      return { comparison: '<=', limit: value };
    case 'exclusiveMinimum':
      return { comparison: '>', limit: value };
    case 'exclusiveMaximum':
      return { comparison: '<', limit: value };
    case 'multipleOf':
      return { multipleOf: value };
    case 'pattern':
      return { pattern: value };
    case 'format':
      return { format: value };
    case 'required':
      return { missingProperty: /required property "(.*)"\.$/s.exec(unit.error)?.[1] };
    case 'uniqueItems': {
      const [, i, j] = /indexes (\d+) and (\d+)/.exec(unit.error) ?? [];
      return { i: Number(j), j: Number(i) };
    }
    case 'oneOf':
      return { passingSchemas: null };
    case 'propertyNames':
      return { propertyName: /Property name "(.*)" does not/s.exec(unit.error)?.[1] };
    default:
      return /^(min|max)(Length|Items|Properties|Contains)$/.test(unit.keyword) ? { limit: value } : {};
  }
}

/** cfworker's output units as Ajv errors: containers dropped, an extra property reported on its object. */
function toAjvErrors(units: OutputUnit[], root: object, lookup: Lookup): ErrorObject[] {
  const errors: ErrorObject[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (CONTAINERS.has(unit.keyword)) continue;
    if (unit.keyword === 'additionalProperties' || unit.keyword === 'unevaluatedProperties') {
      // `false` forbids the property: one error on the object, as Ajv reports it; a schema's own errors follow it.
      const next = units[i + 1];
      if (next?.keyword !== 'false') continue;
      errors.push({
        keyword: unit.keyword,
        instancePath: pointerToPath(unit.instanceLocation),
        schemaPath: unit.keywordLocation,
        params: { additionalProperty: lastSegment(next.instanceLocation) },
        message: 'must NOT have additional properties',
      });
      i += 1;
      continue;
    }
    const keyword = unit.keyword === 'false' ? 'false schema' : unit.keyword;
    const params = paramsOf(unit, keywordValue(root, unit.keywordLocation, lookup));
    errors.push({ keyword, instancePath: pointerToPath(unit.instanceLocation), schemaPath: unit.keywordLocation, params, message: unit.error });
  }
  return errors;
}
