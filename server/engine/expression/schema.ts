import { ARRAY, BOOLEAN, NULL, NUMBER, OBJECT, STRING, UNKNOWN, type ValueType } from './value-type.ts';

/** A JSON Schema node (draft 2020-12 subset). Booleans are the `true`/`false` schemas. */
type Schema = Record<string, unknown> | boolean;

const TYPE_BITS: Record<string, number> = { number: NUMBER, integer: NUMBER, string: STRING, boolean: BOOLEAN, null: NULL, array: ARRAY, object: OBJECT };
const MAX_REF_HOPS = 32; // a $ref chain longer than this is treated as a cycle

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a schema object must never answer for `constructor` or `__proto__`. */
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Reads an application schema: what type a path has and which paths exist. */
export class SchemaReader {
  constructor(readonly root: object) {}

  /** Follows local `$ref`s ("#/$defs/x", "#/definitions/x", any "#/..." pointer). */
  resolve(schema: unknown): Schema | undefined {
    let node = schema;
    for (let hops = 0; isRecord(node) && typeof own(node, '$ref') === 'string'; hops++) {
      const ref = own(node, '$ref') as string;
      if (hops > MAX_REF_HOPS || !ref.startsWith('#')) return undefined;
      node = ref
        .slice(1)
        .split('/')
        .slice(1)
        .reduce<unknown>((at, raw) => {
          const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
          return isRecord(at) ? own(at, key) : Array.isArray(at) ? at[Number(key)] : undefined;
        }, this.root);
    }
    return isRecord(node) || typeof node === 'boolean' ? node : undefined;
  }

  /** The schema itself plus its `anyOf` / `oneOf` / `allOf` branches, refs resolved. */
  private branches(schema: unknown, out: Record<string, unknown>[] = [], depth = 0): Record<string, unknown>[] {
    const node = this.resolve(schema);
    if (!isRecord(node) || depth > MAX_REF_HOPS) return out;
    out.push(node);
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      const list = own(node, key);
      if (Array.isArray(list)) for (const branch of list) this.branches(branch, out, depth + 1);
    }
    return out;
  }

  /** Property schemas named `name`, from every branch that declares it as its own property. */
  child(schema: unknown, name: string): unknown[] {
    const found: unknown[] = [];
    for (const node of this.branches(schema)) {
      const properties = own(node, 'properties');
      if (isRecord(properties) && Object.hasOwn(properties, name)) found.push(properties[name]);
    }
    return found;
  }

  /** The static type of a set of alternative schemas (a field declared in several branches). */
  typeOf(schemas: unknown[]): ValueType {
    let mask = 0;
    let items: unknown[] = [];
    let enumValues: unknown[] | undefined = [];
    for (const schema of schemas) {
      const resolved = this.resolve(schema);
      if (resolved === true || resolved === undefined) return { mask: UNKNOWN };
      for (const node of this.branches(resolved)) {
        const bits = this.ownBits(node);
        mask |= bits;
        if (bits & ARRAY) items = items.concat(own(node, 'items') ?? true);
        const values = own(node, 'enum') ?? (Object.hasOwn(node, 'const') ? [node.const] : undefined);
        if (Array.isArray(values) && enumValues) enumValues = enumValues.concat(values);
        else if (bits & ~NULL) enumValues = undefined;
      }
    }
    if (mask === 0) mask = UNKNOWN;
    const type: ValueType = { mask };
    if (mask & ARRAY) type.item = items.length ? this.typeOf(items) : { mask: UNKNOWN };
    if (enumValues && enumValues.length) type.enumValues = enumValues;
    return type;
  }

  /** Type bits a node declares itself, from `type`, `enum`/`const`, or the keywords it uses. */
  private ownBits(node: Record<string, unknown>): number {
    const declared = own(node, 'type');
    const names = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : [];
    let bits = names.reduce<number>((acc, name) => acc | (TYPE_BITS[String(name)] ?? 0), 0);
    const values = own(node, 'enum') ?? (Object.hasOwn(node, 'const') ? [node.const] : undefined);
    if (!bits && Array.isArray(values)) for (const v of values) bits |= valueBits(v);
    if (!bits && isRecord(own(node, 'properties'))) bits = OBJECT;
    if (!bits && own(node, 'items') !== undefined) bits = ARRAY;
    return bits;
  }

  /** Every field path the schema declares (bounded), to suggest the nearest one for a typo. */
  paths(limit = 5000, maxDepth = 8): string[] {
    const out: string[] = [];
    const walk = (schema: unknown, prefix: string, depth: number): void => {
      if (depth > maxDepth || out.length >= limit) return;
      for (const node of this.branches(schema)) {
        const properties = own(node, 'properties');
        if (!isRecord(properties)) continue;
        for (const name of Object.keys(properties)) {
          const path = prefix ? `${prefix}.${name}` : name;
          if (!out.includes(path)) out.push(path);
          walk(properties[name], path, depth + 1);
        }
      }
    };
    walk(this.root, '', 0);
    return out;
  }
}

function valueBits(value: unknown): number {
  if (value === null) return NULL;
  if (Array.isArray(value)) return ARRAY;
  return TYPE_BITS[typeof value] ?? (typeof value === 'object' ? OBJECT : 0);
}
