import type { ErrorObject } from 'ajv';

type Schema = Record<string, any> | boolean;

/**
 * An interpreting JSON Schema (2020-12 subset) checker that never generates code: the server's CSP
 * (script-src 'self', no 'unsafe-eval') forbids Ajv's `new Function`. It reports errors in Ajv's
 * shape so rjsf's ajv8 error pipeline (processRawValidationErrors, transformErrors) works unchanged.
 * Covers what our schemas use: $ref (local and by $id), type, enum, const, properties, required,
 * additionalProperties, propertyNames, min/maxProperties, items, min/maxItems, uniqueItems,
 * numeric and string bounds, pattern, format (date, date-time), allOf/anyOf/oneOf/not, if/then/else.
 */
export class SchemaChecker {
  private readonly registry = new Map<string, Schema>();
  private readonly patterns = new Map<string, RegExp>();

  constructor(schemas: Schema[] = []) {
    schemas.forEach((schema) => this.add(schema));
  }

  add(schema: Schema): void {
    if (typeof schema === 'object' && typeof schema.$id === 'string') this.registry.set(schema.$id.replace(/#$/, ''), schema);
  }

  /** All errors of `data` against `schema` (`root` resolves "#/…" references). */
  check(schema: Schema, data: unknown, root: Schema = schema): ErrorObject[] {
    const errors: ErrorObject[] = [];
    this.visit(schema, data, '', '#', root, errors);
    return errors;
  }

  private resolve(ref: string, root: Schema): { schema: Schema; root: Schema } {
    const [base, fragment = ''] = ref.split('#');
    const document = base ? this.registry.get(base) : root;
    if (document === undefined) throw new Error(`unknown schema ${base}`);
    const target = fragment
      .split('/')
      .filter(Boolean)
      .reduce<any>((node, part) => node?.[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')], document);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return { schema: target, root: document };
  }

  private regex(pattern: string): RegExp {
    let compiled = this.patterns.get(pattern);
    if (!compiled) this.patterns.set(pattern, (compiled = new RegExp(pattern, 'u')));
    return compiled;
  }

  private visit(schema: Schema, data: unknown, path: string, schemaPath: string, root: Schema, errors: ErrorObject[]): void {
    const fail = (keyword: string, params: Record<string, unknown>, message: string, at = path) =>
      errors.push({ instancePath: at, schemaPath: `${schemaPath}/${keyword}`, keyword, params, message } as ErrorObject);
    if (schema === true) return;
    if (schema === false) return void fail('false schema', {}, 'boolean schema is false');
    if (schema.$ref) {
      const target = this.resolve(schema.$ref, root);
      this.visit(target.schema, data, path, `${schemaPath}/$ref`, target.root, errors);
    }
    if (schema.type !== undefined) {
      const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((type) => hasType(data, type))) return void fail('type', { type: types.join(',') }, `must be ${types.join(',')}`);
    }
    if (schema.enum && !schema.enum.some((value: unknown) => same(value, data))) fail('enum', { allowedValues: schema.enum }, 'must be equal to one of the allowed values');
    if ('const' in schema && !same(schema.const, data)) fail('const', { allowedValue: schema.const }, 'must be equal to constant');
    if (typeof data === 'number') this.numbers(schema, data, fail);
    if (typeof data === 'string') this.strings(schema, data, fail);
    if (Array.isArray(data)) this.arrays(schema, data, path, schemaPath, root, errors, fail);
    else if (data && typeof data === 'object') this.objects(schema, data as Record<string, unknown>, path, schemaPath, root, errors, fail);
    this.combinators(schema, data, path, schemaPath, root, errors, fail);
  }

  private numbers(schema: Record<string, any>, value: number, fail: Fail): void {
    if (schema.minimum !== undefined && value < schema.minimum) fail('minimum', { comparison: '>=', limit: schema.minimum }, `must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail('maximum', { comparison: '<=', limit: schema.maximum }, `must be <= ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail('exclusiveMinimum', { comparison: '>', limit: schema.exclusiveMinimum }, `must be > ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail('exclusiveMaximum', { comparison: '<', limit: schema.exclusiveMaximum }, `must be < ${schema.exclusiveMaximum}`);
    if (schema.multipleOf && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9)
      fail('multipleOf', { multipleOf: schema.multipleOf }, `must be multiple of ${schema.multipleOf}`);
  }

  private strings(schema: Record<string, any>, value: string, fail: Fail): void {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail('minLength', { limit: schema.minLength }, `must NOT have fewer than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) fail('maxLength', { limit: schema.maxLength }, `must NOT have more than ${schema.maxLength} characters`);
    if (schema.pattern && !this.regex(schema.pattern).test(value)) fail('pattern', { pattern: schema.pattern }, `must match pattern "${schema.pattern}"`);
    const format = schema.format as string | undefined;
    if (format && FORMATS[format] && !FORMATS[format](value)) fail('format', { format }, `must match format "${format}"`);
  }

  private arrays(schema: Record<string, any>, value: unknown[], path: string, schemaPath: string, root: Schema, errors: ErrorObject[], fail: Fail): void {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail('minItems', { limit: schema.minItems }, `must NOT have fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail('maxItems', { limit: schema.maxItems }, `must NOT have more than ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) fail('uniqueItems', {}, 'must NOT have duplicate items');
    if (schema.items !== undefined) value.forEach((item, i) => this.visit(schema.items, item, `${path}/${i}`, `${schemaPath}/items`, root, errors));
  }

  private objects(schema: Record<string, any>, value: Record<string, unknown>, path: string, schemaPath: string, root: Schema, errors: ErrorObject[], fail: Fail): void {
    const keys = Object.keys(value);
    for (const name of schema.required ?? []) {
      if (value[name] === undefined) fail('required', { missingProperty: name }, `must have required property '${name}'`);
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) fail('minProperties', { limit: schema.minProperties }, `must NOT have fewer than ${schema.minProperties} properties`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) fail('maxProperties', { limit: schema.maxProperties }, `must NOT have more than ${schema.maxProperties} properties`);
    const properties = schema.properties ?? {};
    for (const key of keys) {
      const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (schema.propertyNames) this.visit(schema.propertyNames, key, child, `${schemaPath}/propertyNames`, root, errors);
      if (key in properties) this.visit(properties[key], value[key], child, `${schemaPath}/properties/${key}`, root, errors);
      else if (schema.additionalProperties === false) fail('additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
      else if (typeof schema.additionalProperties === 'object') this.visit(schema.additionalProperties, value[key], child, `${schemaPath}/additionalProperties`, root, errors);
    }
  }

  private combinators(schema: Record<string, any>, data: unknown, path: string, schemaPath: string, root: Schema, errors: ErrorObject[], fail: Fail): void {
    (schema.allOf ?? []).forEach((sub: Schema, i: number) => this.visit(sub, data, path, `${schemaPath}/allOf/${i}`, root, errors));
    const passes = (sub: Schema) => this.check(sub, data, root).length === 0;
    if (schema.anyOf && !schema.anyOf.some(passes)) fail('anyOf', {}, 'must match a schema in anyOf');
    if (schema.oneOf && schema.oneOf.filter(passes).length !== 1) fail('oneOf', { passingSchemas: null }, 'must match exactly one schema in oneOf');
    if (schema.not !== undefined && passes(schema.not)) fail('not', {}, 'must NOT be valid');
    if (schema.if !== undefined) {
      const branch = passes(schema.if) ? 'then' : 'else';
      if (schema[branch] !== undefined) this.visit(schema[branch], data, path, `${schemaPath}/${branch}`, root, errors);
    }
  }
}

type Fail = (keyword: string, params: Record<string, unknown>, message: string) => void;

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return !!value && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  'date-time': (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)),
};
