import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FIELD_ANNOTATIONS } from './ui-hints.ts';

/** Annotation keywords our schemas carry for forms and logs (not validation). */
const ANNOTATIONS = [...new Set(['x-personal', ...FIELD_ANNOTATIONS])];

/** One validation problem, pointing at the field. */
export interface SchemaProblem {
  pointer: string; // JSON pointer of the offending value, "" for the root
  message: string; // ajv's message, e.g. "must be >= 18"
  keyword: string; // the failing keyword
}

/**
 * The one Ajv instance of the server: every schema in product-schemas/ is added once at start-up
 * and validators are fetched by `$id`. Schemas are passed in (the engine does no file I/O).
 */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly byId = new Map<string, object>();

  constructor(schemas: object[]) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, messages: true });
    addFormats.default ? addFormats.default(this.ajv) : (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addVocabulary(ANNOTATIONS);
    for (const schema of schemas) {
      const id = (schema as { $id?: string }).$id;
      if (!id) throw new Error('every schema needs an $id');
      if (this.byId.has(id)) throw new Error(`duplicate schema $id ${id}`);
      this.byId.set(id, schema);
      this.ajv.addSchema(schema);
    }
    // Compile every validator now, at start-up, not on the first request that needs it.
    for (const id of this.byId.keys()) this.ajv.getSchema(id);
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

  /** Compiles a schema that is not registered (a product's own application schema); cache the result. */
  compile(schema: object): ValidateFunction {
    return this.ajv.compile(schema);
  }

  /** Validates and returns problems with JSON pointers (empty when valid). */
  check(id: string, data: unknown): SchemaProblem[] {
    const validate = this.validator(id);
    return validate(data) ? [] : toProblems(validate.errors);
  }
}

/** ajv errors → problems pointing at the field (for `required`, at the missing property). */
export function toProblems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => {
    let pointer = error.instancePath;
    if (error.keyword === 'required') pointer += `/${escapePointer(String(error.params.missingProperty))}`;
    if (error.keyword === 'additionalProperties') pointer += `/${escapePointer(String(error.params.additionalProperty))}`;
    const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
    return { pointer, message: `${error.message ?? 'is invalid'}${allowed}`, keyword: error.keyword };
  });
}

export const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
