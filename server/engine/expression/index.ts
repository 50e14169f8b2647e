import type { CompiledExpression } from '../block-type.ts';
import type { ExpressionError } from './errors.ts';
import { compileNode } from './evaluate.ts';
import { parseExpression } from './parser.ts';
import { checkExpression, type ExpectedType } from './type-check.ts';

export type { Expr } from './ast.ts';
export type { ExpressionError, ExpressionErrorCode, SourceSpan } from './errors.ts';
export type { CheckResult, ExpectedType } from './type-check.ts';
export type { TypeName } from './value-type.ts';
export { EXPRESSION_LIMITS } from './limits.ts';
export { parseExpression, type ParseResult } from './parser.ts';
export { checkExpression } from './type-check.ts';
export { conditionHolds, makeReader, withFieldCache } from './runtime.ts';

/** What compileExpression needs: the application schema to check field paths against, and the type the result must have. */
export interface CompileOptions {
  schema: object; // JSON Schema of the application
  expected: ExpectedType; // 'boolean' for conditions, 'number' for formulas
}

/** Result of compiling: `compiled` only when there are no errors; `reads` lists the field paths even when there are. */
export interface CompileResult {
  compiled?: CompiledExpression;
  errors: ExpressionError[];
  reads: string[];
}

/**
 * Parses, type-checks and compiles an expression into closures. Never throws on any input.
 * The compiled `evaluate` never throws either: values that are not plain data read as null.
 */
export function compileExpression(source: string, options: CompileOptions): CompileResult {
  let known = memo.get(options.schema);
  if (!known) memo.set(options.schema, (known = new Map()));
  const key = `${options.expected}\u0000${source}`;
  let result = known.get(key);
  if (!result) {
    if (known.size >= MEMO_SIZE) known.clear();
    result = compileFresh(source, options);
    known.set(key, result);
  }
  // Each caller gets its own arrays; the closures and the syntax tree are immutable and shared.
  return { ...(result.compiled ? { compiled: { ...result.compiled, reads: [...result.compiled.reads] } } : {}), errors: result.errors.map((error) => ({ ...error })), reads: [...result.reads] };
}

/**
 * Compiled expressions by application schema, then by expected type and source: a credit factory's
 * 3,000 rules repeat the same condition text (1,135 distinct conditions in the benchmark's 3,117),
 * and parsing, checking and compiling each again was most of a cold compile.
 */
const memo = new WeakMap<object, Map<string, CompileResult>>();
const MEMO_SIZE = 20_000; // per schema; cleared beyond that, so a long-running server does not grow without end

function compileFresh(source: string, options: CompileOptions): CompileResult {
  const parsed = parseExpression(source);
  if (!parsed.ast) return { errors: parsed.errors, reads: [] };
  const checked = checkExpression(parsed.ast, options.schema, options.expected);
  if (checked.errors.length > 0) return { errors: checked.errors, reads: checked.reads };
  const run = compileNode(parsed.ast);
  const reads = checked.reads;
  const evaluate = (application: unknown) => {
    try {
      return run(application);
    } catch {
      // Only hostile data gets here (a throwing getter or Proxy trap in the application): it is not data, so null.
      return null;
    }
  };
  return { compiled: { evaluate, source, reads: [...reads], ast: parsed.ast }, errors: [], reads };
}
