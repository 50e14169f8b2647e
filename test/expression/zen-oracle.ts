import { createRequire } from 'node:module';
import { Decimal } from '../../server/engine/money.ts';
import type { ExpressionValue } from '../../server/engine/block-type.ts';
import { isListHelper, type Expr } from '../../server/engine/expression/ast.ts';

const zen = createRequire(import.meta.url)('@gorules/zen-engine') as { evaluateExpressionSync(expression: string, context: unknown): unknown };

export type ZenOutcome = { value: ExpressionValue } | { error: string };

/** ZEN's answer for a whole expression; numbers are re-read through ZEN's `string()` so they compare as exact decimals. */
export function zenEvaluate(source: string, context: unknown): ZenOutcome {
  try {
    return { value: fromZen(zen.evaluateExpressionSync(source, context), source, context) };
  } catch (error) {
    return { error: String((error as Error).message ?? error).split('\n')[0] };
  }
}

function fromZen(raw: unknown, source: string, context: unknown): ExpressionValue {
  if (typeof raw === 'number') return new Decimal(String(zen.evaluateExpressionSync(`string(${source})`, context)));
  if (Array.isArray(raw)) return raw.map((item) => (typeof item === 'number' ? new Decimal(item) : (item as ExpressionValue)));
  return raw as ExpressionValue;
}

export const sameValue = (a: ExpressionValue, b: ExpressionValue): boolean => {
  if (a instanceof Decimal) return b instanceof Decimal && a.eq(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return a === b;
};

/**
 * The meaning the README gives an expression, computed without our evaluator: every operator is
 * applied by ZEN itself to the already-computed values of its operands; only where ZEN raises an
 * error (an operand is null, or min/max gets an empty list) does the documented null rule decide:
 * and/or/not use three-valued logic, `null ? a : b` is b, anything else is null.
 */
export function oracle(node: Expr, application: unknown, item?: { value: unknown }): ExpressionValue {
  const values: ExpressionValue[] = [];
  const context: Record<string, unknown> = { application };
  // Text and lists of text go through the context (no quoting problems); numbers as literals (exact).
  const put = (value: ExpressionValue): string => {
    if (value instanceof Decimal) return value.isNeg() ? `(${value.toFixed()})` : value.toFixed();
    if (value === null || typeof value === 'boolean') return String(value);
    if (Array.isArray(value) && value.some((item) => item instanceof Decimal)) return `[${value.map(put).join(', ')}]`;
    values.push(value);
    context[`v${values.length}`] = value;
    return `v${values.length}`;
  };
  const ask = (source: string, fallback: () => ExpressionValue, operands: ExpressionValue[]): ExpressionValue => {
    const outcome = zenEvaluate(source, context);
    if ('value' in outcome) return outcome.value;
    const explained = operands.some((v) => v === null || (Array.isArray(v) && (v.length === 0 || v.includes(null))));
    if (!explained || !/vmError/.test(outcome.error)) throw new Error(`ZEN failed on ${source} without a null operand: ${outcome.error}`);
    return fallback();
  };
  const zenField = (path: string[]) => zenEvaluate(['application', ...path].join('.'), context);

  switch (node.kind) {
    case 'number': return new Decimal(node.value);
    case 'string': return node.value;
    case 'boolean': return node.value;
    case 'null': return null;
    case 'field': {
      const outcome = zenField(node.path);
      if ('error' in outcome) throw new Error(outcome.error);
      return outcome.value;
    }
    case 'array': return node.items.map((entry) => oracle(entry, application, item));
    case 'range': throw new Error('a range is evaluated by its `in`');
    case 'unary': {
      const v = oracle(node.operand, application, item);
      return ask(`${node.operator === 'not' ? 'not ' : '-'}${put(v)}`, () => null, [v]);
    }
    case 'conditional': {
      const test = oracle(node.test, application, item);
      const yes = oracle(node.consequent, application, item);
      const no = oracle(node.alternate, application, item);
      return ask(`${put(test)} ? ${put(yes)} : ${put(no)}`, () => no, [test]);
    }
    case 'item': {
      // ZEN reads the item's field; the item is put into the context as it is in the list.
      context.item = item?.value;
      const outcome = zenEvaluate(['item', ...node.path].join('.'), context);
      if ('error' in outcome) throw new Error(outcome.error);
      return outcome.value;
    }
    case 'call': {
      if (isListHelper(node.name)) return listHelper(node.name, node.args, application);
      const args = node.args.map((arg) => oracle(arg, application, item));
      return ask(`${node.name}(${args.map(put).join(', ')})`, () => null, args);
    }
    case 'binary': {
      const left = oracle(node.left, application, item);
      if (node.right.kind === 'range') {
        const low = oracle(node.right.low, application, item);
        const high = oracle(node.right.high, application, item);
        const range = `${node.right.lowClosed ? '[' : '('}${put(low)}..${put(high)}${node.right.highClosed ? ']' : ')'}`;
        return ask(`${put(left)} ${node.operator} ${range}`, () => null, [left, low, high]);
      }
      const right = oracle(node.right, application, item);
      const kleene = (): ExpressionValue => {
        if (node.operator === 'and') return left === false || right === false ? false : null;
        if (node.operator === 'or') return left === true || right === true ? true : null;
        return null;
      };
      return ask(`${put(left)} ${node.operator} ${put(right)}`, kleene, [left, right]);
    }
  }
}

/**
 * some/all/none/count/map by the README's rule, item by item with ZEN deciding each body: ZEN stops
 * at the first item that decides (and fails on a null before it); the rule reads the whole list
 * with three-valued logic — some: any true, else null if any body was not true/false, else false.
 */
function listHelper(name: string, args: Expr[], application: unknown): ExpressionValue {
  const [list, body] = args;
  const items = readRaw(application, list.kind === 'field' ? list.path : []);
  if (!Array.isArray(items)) return null;
  const values = items.map((value) => oracle(body, application, { value }));
  if (name === 'map') return values;
  const unknown = values.some((value) => value !== true && value !== false);
  if (name === 'count') return unknown ? null : new Decimal(values.filter((value) => value === true).length);
  if (name === 'all') return values.includes(false) ? false : unknown ? null : true;
  const some = values.includes(true) ? true : unknown ? null : false;
  return name === 'none' && some !== null ? !some : some;
}

/** The raw value at a path of the application, as the application holds it (the list items stay objects). */
function readRaw(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), root);
}
