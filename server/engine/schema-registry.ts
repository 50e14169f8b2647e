import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { contentHash } from './compiler/hash.ts';
import { capErrors, ERROR_CAP, fieldOf } from './error-cap.ts';
import { limitProblems, type RefResolver, type SchemaProblem } from './schema-limits.ts';
import { FIELD_ANNOTATIONS } from './ui-hints.ts';
import { wordErrors } from '../../shared/schema-messages.ts';

/** Annotation keywords our schemas carry for forms and logs (not validation). */
const ANNOTATIONS = [...new Set(['x-personal', ...FIELD_ANNOTATIONS])];

/** Problems of one validation, capped; `omitted` counts those past the cap. */
export type SchemaProblems = SchemaProblem[] & { omitted?: number };

export type { SchemaProblem } from './schema-limits.ts';

/**
 * Ajv merges a `$ref`'d validator's errors with `vErrors.concat(...)`, copying every error found so
 * far at each call: with `allErrors`, an array of n bad items under a `$ref` costs n² (8,000 `{}`
 * blocks took 14 s). This rewrites that one statement of the generated code into an in-place push,
 * which is linear; `test/server/hostile-input.test.ts` times it so an Ajv upgrade that changes the
 * generated text is caught.
 */
const CONCAT = /vErrors = vErrors === null \? ([\w$]+)\.errors : vErrors\.concat\(\1\.errors\);/g;
export const linearErrorMerge = (code: string): string =>
  code.replace(CONCAT, (_match, fn: string) => `if (vErrors === null) vErrors = ${fn}.errors; else for (const e of ${fn}.errors) vErrors.push(e);`);

/**
 * V8 keeps the text and compiled code of every distinct `new Function` body (Ajv compiles each
 * validator that way) in its process-wide compilation cache and lets entries go only near the heap
 * limit, so every product schema ever compiled stayed in memory, ~200 KB each, long after its
 * validator left the cache below (issue #11, finding 13: heap 20 → 115 MB over 10,000 simulated
 * drafts; a heap snapshot does not show it because taking one clears that cache). V8 never caches
 * an eval whose code holds a tagged template (each template site has its own strings object, so
 * two evaluations must not share compiled code), so the generated code starts with an empty one
 * and its memory goes with the validator. `test/server/validator-memory.test.ts` measures it, so a
 * V8 that caches such code after all is caught.
 */
export const uncachedByV8 = (code: string): string => `void String.raw\`\`; // keeps V8's compilation cache from holding this code (schema-registry.ts)\n${code}`;

function newAjv(allErrors: boolean, validateSchema: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors, validateSchema, allowUnionTypes: true, messages: true, code: { process: (code) => uncachedByV8(linearErrorMerge(code)) } });
  addFormats.default ? addFormats.default(ajv) : (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  return ajv;
}

/** How a registry starts: see the constructor. */
export interface RegistryOptions {
  compileAtStart?: boolean;
  checkSchemas?: boolean;
}

/** Validators of unregistered schemas kept compiled (least recently used dropped first). */
const VALIDATOR_CACHE_SIZE = 32; // a dictionary-sized validator is ~200 KB
/**
 * Unregistered schemas compiled by one Ajv instance before a fresh one takes over. Ajv keeps every
 * schema it ever compiled (its cache and its code scope) for the life of the instance, so a
 * long-lived instance grows with every product simulated; a retired instance is garbage once no
 * cached validator or live evaluator uses one of its validators.
 */
const SCHEMAS_PER_INSTANCE = 16;

/**
 * The server's schemas: every schema in product-schemas/ is added once at start-up to one Ajv
 * instance and validators are fetched by `$id`. A product's own schemas (its application schema)
 * are compiled on demand into a validator cache keyed by the schema's content hash, with LRU
 * eviction, so equal schemas share one validator and memory stays flat however many drafts are
 * simulated (docs/design-changes.md). Schemas are passed in (the engine does no file I/O).
 */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly byId = new Map<string, object>();
  private readonly cached = new Map<string, ValidateFunction>(); // content hash → validator, oldest first
  private productAjv: Ajv2020 | undefined;
  private firstErrorAjv: Ajv2020 | undefined; // stops at the first error: for yes/no questions (isValid)
  private productCompiles = 0;
  private instances = 0;

  private readonly checkSchemas: boolean;

  /**
   * `compileAtStart: false` compiles each validator on first use instead (a simulation thread needs
   * only its product's few). `checkSchemas: false` skips checking schemas against the JSON Schema
   * meta-schema (compiling it costs a thread ~0.3 s): for a thread whose schemas and products the
   * process that started it has checked already.
   */
  constructor(schemas: object[], options: RegistryOptions = {}) {
    this.checkSchemas = options.checkSchemas !== false;
    this.ajv = newAjv(true, this.checkSchemas);
    for (const schema of schemas) {
      const id = (schema as { $id?: string }).$id;
      if (!id) throw new Error('every schema needs an $id');
      if (this.byId.has(id)) throw new Error(`duplicate schema $id ${id}`);
      this.byId.set(id, schema);
      this.ajv.addSchema(schema);
    }
    // Compile every validator now, at start-up, not on the first request that needs it.
    if (options.compileAtStart !== false) for (const id of this.byId.keys()) this.ajv.getSchema(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The raw schema with this $id (for the catalog and the studio's forms). */
  schema(id: string): object | undefined {
    return this.byId.get(id);
  }

  /** The compiled validator for a registered schema; compiled on first use, then cached by ajv. */
  validator(id: string): ValidateFunction {
    const validate = this.ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} is not registered`);
    return validate;
  }

  /**
   * The validator of a schema that is not registered (a product's own application schema), from
   * the cache when a schema with the same content was compiled before. `$ref`s to registered
   * schemas resolve.
   */
  compile(schema: object): ValidateFunction {
    const key = contentHash(schema);
    const hit = this.cached.get(key);
    if (hit) {
      this.cached.delete(key); // most recently used goes last
      this.cached.set(key, hit);
      return hit;
    }
    const validate = this.productInstance().compile(schema);
    this.productCompiles += 1;
    this.cached.set(key, validate);
    if (this.cached.size > VALIDATOR_CACHE_SIZE) this.cached.delete(this.cached.keys().next().value as string);
    return validate;
  }

  /**
   * The size limits of `schema` (maxItems, maxLength, maxProperties) checked on `data` in one cheap
   * walk that stops at a list past its limit (server/engine/schema-limits.ts); run before a full
   * validation, so a list of 9,999 bad items costs one error, not 9,999.
   */
  limits(schema: object, data: unknown): SchemaProblem[] {
    return limitProblems(schema, data, this.resolveRef);
  }

  /**
   * Properties `additionalProperties: false` forbids that a checked document may hold before
   * `check` answers with the first of them and their count, without the full validation: a 905 KB
   * draft of 2,000 blocks with 56 unknown keys each made Ajv build 120,000 errors (80–300 ms on the
   * main thread). A few typos stay below it and get the full validation's complete answer.
   */
  static readonly UNKNOWN_PROPERTIES_LIMIT = 100;

  /** Resolved `$ref`s per schema root: the limit walk runs before every decision's validation, so each ref is looked up once. */
  private readonly resolvedRefs = new WeakMap<object, Map<string, ReturnType<RefResolver>>>();

  private readonly resolveRef: RefResolver = (ref, root) => {
    let known = this.resolvedRefs.get(root);
    if (!known) this.resolvedRefs.set(root, (known = new Map()));
    if (!known.has(ref)) known.set(ref, this.lookUpRef(ref, root));
    return known.get(ref);
  };

  private lookUpRef(ref: string, root: Record<string, unknown>): ReturnType<RefResolver> {
    const [base, fragment = ''] = ref.split('#');
    const target = (base ? this.byId.get(base) : root) as Record<string, unknown> | undefined;
    if (!target) return undefined;
    let at: unknown = target;
    for (const segment of fragment.split('/').slice(1)) {
      at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return at !== null && typeof at === 'object' ? { schema: at as Record<string, unknown>, root: target } : undefined;
  }

  /**
   * Whether `data` satisfies the registered schema `id`, without listing why not: a validator
   * that stops at the first error (compiled on first use), so a config of 5,000 bad rules costs one
   * error instead of 25,000 (the compile answer's block summaries ask this of every block).
   */
  isValid(id: string, data: unknown): boolean {
    const schema = this.byId.get(id);
    if (!schema) throw new Error(`schema ${id} is not registered`);
    if (this.limits(schema, data).length) return false;
    if (!this.firstErrorAjv) {
      this.firstErrorAjv = newAjv(false, this.checkSchemas);
      for (const registered of this.byId.values()) this.firstErrorAjv.addSchema(registered, undefined, undefined, false);
    }
    return this.firstErrorAjv.getSchema(id)!(data) as boolean;
  }

  /** How many validators the cache holds and how many Ajv instances compiled them so far (for tests and the memory benchmark). */
  get cacheStats(): { validators: number; instances: number } {
    return { validators: this.cached.size, instances: this.instances };
  }

  private productInstance(): Ajv2020 {
    if (!this.productAjv || this.productCompiles >= SCHEMAS_PER_INSTANCE) {
      this.productAjv = newAjv(true, this.checkSchemas);
      for (const schema of this.byId.values()) this.productAjv.addSchema(schema, undefined, undefined, false); // checked against the meta-schema once already; compiled only if a product schema refers to one
      this.productCompiles = 0;
      this.instances += 1;
    }
    return this.productAjv;
  }

  /**
   * Validates and returns problems with JSON pointers (empty when valid), capped: the first few
   * per field (server/engine/error-cap.ts), with `omitted` counting the rest.
   */
  check(id: string, data: unknown): SchemaProblems {
    const validate = this.validator(id);
    const tooLarge = limitProblems(this.byId.get(id)!, data, this.resolveRef, SchemaRegistry.UNKNOWN_PROPERTIES_LIMIT);
    if (tooLarge.length) return tooLarge;
    if (validate(data)) return [];
    // Capped before the errors become problems: 2,000 blocks of 56 unknown keys make 120,000 errors, and only 100 are listed.
    const { kept, omitted } = capErrors(validate.errors ?? [], ERROR_CAP, (error) => fieldOf(pointerOf(error)));
    const problems: SchemaProblems = toProblems(kept);
    // worded in Chinese too: these problems become the compiler's diagnostics, which a product manager reads in the studio
    const chinese = wordErrors(
      kept.map((error) => ({ ...error })),
      'zh-CN',
    );
    problems.forEach((problem, i) => (problem.messageZh = chineseMessage(chinese[i])));
    if (omitted) problems.omitted = omitted;
    return problems;
  }
}

const chineseMessage = (error: ErrorObject): string => `${error.message ?? '无效'}${error.keyword === 'enum' ? `：${(error.params.allowedValues as unknown[]).join('、')}` : ''}`;

/** ajv errors → problems pointing at the field (for `required`, at the missing property). */
export function toProblems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => {
    const pointer = pointerOf(error);
    const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
    return { pointer, message: `${error.message ?? 'is invalid'}${allowed}`, keyword: error.keyword };
  });
}

/** The JSON pointer an ajv error is about (for `required` and `additionalProperties`, the property named). */
function pointerOf(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${escapePointer(String(error.params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapePointer(String(error.params.additionalProperty))}`;
  return error.instancePath;
}

export const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
