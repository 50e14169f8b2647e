import type { SourceSpan } from './errors.ts';

/** Binary operators, in the spelling of the language. */
export type BinaryOperator = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/' | '%';

/** The functions the language offers; a call to any other name is a syntax error. */
export const FUNCTION_NAMES = ['min', 'max', 'abs', 'round', 'floor', 'ceil', 'len', 'contains', 'sum', 'some', 'all', 'none', 'count', 'map'] as const;

/** Functions that look into a list: `some(farm.crops, #.crop == "ginger")`; `#` is the item in their second argument. */
export const LIST_HELPERS = ['some', 'all', 'none', 'count', 'map'] as const;
export const isListHelper = (name: string): boolean => (LIST_HELPERS as readonly string[]).includes(name);
export type FunctionName = (typeof FUNCTION_NAMES)[number];

interface Node {
  span: SourceSpan; // the source text of the whole node
  depth: number; // height of the subtree: a leaf is 1 (bounded by EXPRESSION_LIMITS.maxDepth)
}

/** A number literal, kept as its exact decimal text so no float ever touches it. */
export interface NumberLiteral extends Node { kind: 'number'; value: string }
export interface StringLiteral extends Node { kind: 'string'; value: string }
export interface BooleanLiteral extends Node { kind: 'boolean'; value: boolean }
export interface NullLiteral extends Node { kind: 'null' }
/** A dotted path into the application, e.g. applicant.bureau.currentOverdue. */
export interface FieldPath extends Node { kind: 'field'; path: string[]; segmentSpans: SourceSpan[] }
export interface ArrayLiteral extends Node { kind: 'array'; items: Expr[] }
/** `[a..b]` closed, `(a..b)` open, or half-open; only valid on the right of `in` / `not in`. */
export interface RangeLiteral extends Node { kind: 'range'; low: Expr; high: Expr; lowClosed: boolean; highClosed: boolean }
export interface Unary extends Node { kind: 'unary'; operator: '-' | 'not'; operand: Expr }
export interface Binary extends Node { kind: 'binary'; operator: BinaryOperator; left: Expr; right: Expr; operatorSpan: SourceSpan }
export interface Conditional extends Node { kind: 'conditional'; test: Expr; consequent: Expr; alternate: Expr }
export interface Call extends Node { kind: 'call'; name: FunctionName; args: Expr[] }
/** `#` (the list item inside some/all/none/count/map) or `#.crop`, a path into it. */
export interface ItemRef extends Node { kind: 'item'; path: string[] }

/** A parsed expression. Every node carries its source position. */
export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | FieldPath
  | ArrayLiteral
  | RangeLiteral
  | Unary
  | Binary
  | Conditional
  | Call
  | ItemRef;
