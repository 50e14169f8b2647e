import type { LocalizedText } from './text.ts';
import type { BlockDiagnostic } from './diagnostics.ts';
import { APPLICATION_INPUT, ELSE_OUTPUT, FAIL_OUTPUT, NEXT_OUTPUT, PASS_OUTPUT, type DynamicOutputs, type InputPort, type OutputPort } from './ports.ts';
import type { Contribution } from './offer-parts.ts';
import type { Decimal } from './money.ts';
import type { ProductMeta } from './product-meta.ts';
import type { Expr } from './expression/ast.ts';

/** Palette categories, in palette order. */
export const BLOCK_CATEGORIES = ['start', 'eligibility', 'segment', 'limit', 'pricing', 'fee', 'repayment', 'outcome'] as const;
export type BlockCategory = (typeof BLOCK_CATEGORIES)[number];

/**
 * How a block behaves on a path (DESIGN.md, runtime semantics):
 * start (one per flow), gate (pass/fail), router (one named output per branch + else),
 * contributor (adds to the offer), outcome (offer, refer, decline: ends the path).
 */
export type BlockRole = 'start' | 'gate' | 'router' | 'contributor' | 'outcome';

/** What a contributor can provide; the compiler checks every path to `offer` has limit, base-rate, repayment. */
export type Provision = 'limit' | 'limit-uplift' | 'base-rate' | 'rate-adjustment' | 'rate-bounds' | 'fee' | 'subsidy' | 'repayment';

/**
 * UI hints for one config field (rjsf uiSchema-like, but data only and bilingual). They are not
 * written in descriptors: each comes from the field's annotation keywords in the config schema
 * (`x-label`, `x-help`, `x-unit`, `x-widget`, `x-enum-labels`, `x-show-if`; see ui-hints.ts).
 */
export interface FieldHint {
  label?: LocalizedText; // field label; defaults to the schema title
  help?: LocalizedText; // one sentence under the field
  unit?: 'CNY' | '%' | 'bp' | 'months' | 'days' | 'years' | 'mu' | 'CNY/mu' | '×'; // shown after the input
  widget?: 'expression' | 'decision-table' | 'tags' | 'textarea' | 'date' | 'month-day'; // special editors
  enumLabels?: Record<string, LocalizedText>; // labels for enum values
  showIf?: { field: string; equals: unknown }; // show only when a sibling field has a value
}

/** UI hints of a block type, derived from its config schema: field order and per-field hints keyed by JSON pointer into the config ("/maxAge"). */
export interface UiHints {
  order?: string[]; // top-level property order in the form
  fields?: Record<string, FieldHint>; // pointer ("/bands/items/min" for array items) → hint
}

/** A named, ordered change of a block type's config shape (tldraw-style migrations). */
export interface Migration {
  from: number; // typeVersion this migration upgrades from
  to: number; // typeVersion it produces (from + 1)
  name: string; // what changed, in words
  up(config: Record<string, unknown>): Record<string, unknown>; // pure
}

/** An application field a block reads, so the compiled product can describe its application form. */
export interface FieldRead {
  path: string; // dotted path from the application root, e.g. "applicant.bureau.currentOverdue"
  required: boolean; // required: a decision is impossible without it (missing → 422 naming the field)
}

/** A compiled expression, ready to run on an application. */
export interface CompiledExpression {
  evaluate(application: unknown): ExpressionValue; // pure; never throws on a schema-valid application
  source: string;
  reads: string[]; // field paths it reads
  ast: Expr; // the parsed expression, for blocks that index many rules by their shape
}

/** A value of the expression language. Numbers are exact decimals. */
export type ExpressionValue = boolean | string | Decimal | null | ExpressionValue[];

/** What a block type's compile step can use. */
export interface BlockCompileContext {
  blockId: string;
  product: ProductMeta; // metadata from the start block (kind, currency, amount and term bounds, channels)
  applicationSchema: object; // JSON Schema of the application (standard dictionary + product fields)
  /**
   * Parses and type-checks an expression found at `pointer` (relative to the config).
   * `expected` is the type it must have. Diagnostics come back with line/column; `compiled` is
   * absent when there are errors.
   */
  expression(source: string, pointer: string, expected: 'boolean' | 'number' | 'string' | 'any'): { compiled?: CompiledExpression; diagnostics: BlockDiagnostic[] };
}

/** Static facts a block's config guarantees, used by path checks and the regulatory lint. */
export interface StaticFacts {
  rateRange?: { min: string; max: string }; // base rate range, annual %
  adjustmentBpRange?: { min: number; max: number }; // total adjustment this block can add
  rateFloor?: string; // annual %
  rateCeiling?: string; // annual %
  limitMax?: string; // highest limit this block allows (a cap), if bounded
  limitMin?: string; // lowest limit this block lets through (below it the runtime declines), if set
  limitMaxByChannel?: Record<string, string>; // a channel cap: the highest limit per channel
  limitMaxOtherChannels?: string; // a channel cap: the cap for channels it does not name
  fees?: Contribution['fees'];
  repayment?: Contribution['repayment'];
  maxAgeAtMaturity?: number; // an age gate's cap on age + term
}

/** Result of a block type's compile step. */
export interface BlockCompiled<Prepared> {
  prepared?: Prepared; // what evaluate receives; absent when diagnostics contain errors
  diagnostics: BlockDiagnostic[];
  reads: FieldRead[]; // application fields this block reads
  facts?: StaticFacts;
}

/** The request a decision is made for, besides the application itself. */
export interface DecisionRequest {
  asOf: string; // decision date YYYY-MM-DD (the engine has no clock)
  requestedAmount?: Decimal; // what the applicant asks for; the offer never exceeds it
  termMonths?: number; // requested term
  repaymentMethod?: string; // requested repayment method
  channel?: string; // channel asking (app, mini-program, branch, partner)
}

/** What evaluate sees. Read-only. */
export interface EvaluationInput {
  application: Record<string, unknown>; // validated against the product's application schema
  request: DecisionRequest;
  product: ProductMeta;
  offer: Readonly<Contribution>; // everything contributed so far on this path (merged)
}

/** A reason a block gives (the runtime adds the block id). */
export interface ReasonInput {
  code: string; // stable, e.g. "AGE_ABOVE_MAX"
  message: LocalizedText; // specific: "年龄 67 岁，超过上限 65 岁" / "Age 67 is above the maximum of 65"
}

/** What a block's evaluate returns, by role. `facts` go into the trace (inputs the block looked at). */
export type BlockResult =
  | { kind: 'gate'; passed: boolean; reasons?: ReasonInput[]; action?: 'decline' | 'refer'; facts?: Record<string, unknown> }
  | { kind: 'route'; port: string; reasons?: ReasonInput[]; facts?: Record<string, unknown> }
  | { kind: 'contribute'; contribution: Contribution; facts?: Record<string, unknown> }
  | { kind: 'outcome'; outcome: 'approve' | 'refer' | 'decline'; reasons?: ReasonInput[]; facts?: Record<string, unknown> };

/**
 * A block type: one descriptor drives palette, form, ports, compile and evaluate.
 * Config is the shape its JSON Schema validates; Prepared is what compile makes of it.
 */
export interface BlockType<Config = Record<string, unknown>, Prepared = Config> {
  // identity
  type: string; // kebab-case, unique in the registry
  version: number; // integer; bump with a migration when the config shape changes
  // palette
  title: LocalizedText; // palette and node title
  description: LocalizedText; // one or two sentences for a product manager
  category: BlockCategory; // palette group
  icon: string; // a short glyph or emoji shown on the node
  keywords: string[]; // extra search words, both languages
  // data
  configSchemaId: string; // $id of product-schemas/blocks/<type>.schema.json (derived from `type`)
  defaults: Config; // a valid config a new block starts with; the form (labels, units, order) comes from the schema
  // graph
  role: BlockRole; // how the runtime treats it
  provides?: Provision[]; // contributors: what they add to the offer
  inputs: InputPort[]; // empty for the start block
  outputs: OutputPort[]; // fixed outputs (after dynamic ones)
  dynamicOutputs?: DynamicOutputs; // routers: outputs generated from the config
  // behaviour
  compile?(config: Config, ctx: BlockCompileContext): BlockCompiled<Prepared>; // optional: prepare closures, check semantics
  evaluate(prepared: Prepared, input: EvaluationInput): BlockResult; // pure and deterministic
  summarize?(config: Config, locale: 'zh-CN' | 'en'): string; // node subtitle with the key figures, e.g. "18–65 岁"; the compile answer carries it
  // evolution
  migrations?: Migration[]; // from older typeVersions to `version`
}

/** A JSON Schema as data: any JSON object, walked by keyword. */
// biome-ignore lint/suspicious/noExplicitAny: JSON Schema keywords hold any JSON value
export type JsonSchema = Record<string, any>;

/** The config-independent, serializable part of a block type, as GET /api/block-types sends it. */
export type BlockTypeInfo = Omit<BlockType, 'compile' | 'evaluate' | 'summarize' | 'migrations'> & {
  configSchema: JsonSchema; // the config schema with every $ref inlined
  ui: UiHints; // derived from the schema's annotation keywords
  migrations: { from: number; to: number; name: string }[];
};

/**
 * What a block developer writes: a block type without what follows from it. `configSchemaId`
 * follows from `type`; `inputs` default to one application input; `outputs` default to the usual
 * ports of the role (gate: pass and fail; router: else; contributor: next; outcome: none).
 */
export type BlockTypeDefinition<Config, Prepared = Config> = Omit<BlockType<Config, Prepared>, 'configSchemaId' | 'inputs' | 'outputs'> & {
  inputs?: InputPort[]; // default: [APPLICATION_INPUT] (the start block has none)
  outputs?: OutputPort[]; // default: the usual outputs of the role
};

/** The `$id` of a block type's config schema, product-schemas/blocks/<type>.schema.json. */
export const blockConfigSchemaId = (type: string): string => `https://schemas.loan-blocks.dev/blocks/${type}.schema.json`;

const DEFAULT_OUTPUTS: Record<BlockRole, OutputPort[]> = { start: [], gate: [PASS_OUTPUT, FAIL_OUTPUT], router: [ELSE_OUTPUT], contributor: [NEXT_OUTPUT], outcome: [] };

/**
 * Checks a descriptor's shape and returns it typed and complete. Registration in server/blocks/index.ts
 * is an explicit array; the conformance test checks the rest (schemas, defaults, cases, hints).
 */
export function defineBlockType<Config, Prepared = Config>(definition: BlockTypeDefinition<Config, Prepared>): BlockType<Config, Prepared> {
  const blockType: BlockType<Config, Prepared> = {
    ...definition,
    configSchemaId: blockConfigSchemaId(definition.type),
    inputs: definition.inputs ?? (definition.role === 'start' ? [] : [APPLICATION_INPUT]),
    outputs: definition.outputs ?? DEFAULT_OUTPUTS[definition.role],
  };
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(blockType.type)) problems.push('type must be kebab-case');
  if (!Number.isInteger(blockType.version) || blockType.version < 1) problems.push('version must be a positive integer');
  if (!blockType.title?.['zh-CN'] || !blockType.title?.en) problems.push('title needs zh-CN and en');
  if (!(BLOCK_CATEGORIES as readonly string[]).includes(blockType.category)) problems.push(`unknown category ${blockType.category}`);
  if (typeof blockType.evaluate !== 'function') problems.push('evaluate must be a function');
  const ids = blockType.outputs.map((port) => port.id);
  if (new Set(ids).size !== ids.length) problems.push('duplicate output port id');
  if (problems.length) throw new Error(`block type "${blockType.type}": ${problems.join('; ')}`);
  return blockType;
}
