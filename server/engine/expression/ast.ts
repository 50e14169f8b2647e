import type { SourceSpan } from './errors.ts';

/** Binary operators, in the spelling of the language. */
export type BinaryOperator = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/' | '%';

/** The functions the language offers; a call to any other name is a syntax error. */
export const FUNCTION_NAMES = ['min', 'max', 'abs', 'round', 'floor', 'ceil', 'len', 'contains'] as const;
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
  | Call;
