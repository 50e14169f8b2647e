import { Decimal } from '../money.ts';
import type { ExpressionValue } from '../block-type.ts';
import type { Binary, Expr, RangeLiteral } from './ast.ts';
import { isListHelper } from './ast.ts';
import { compileCall } from './evaluate-calls.ts';
import { compileItem, compileListHelper } from './evaluate-lists.ts';
import { equals, isNumber, makeReader, makeValueReader, toValue, type Run } from './runtime.ts';

type Comparison = '<' | '<=' | '>' | '>=';
const ORDER: Record<Comparison, (sign: number) => boolean> = { '<': (s) => s < 0, '<=': (s) => s <= 0, '>': (s) => s > 0, '>=': (s) => s >= 0 };
const MIRROR: Record<Comparison, Comparison> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * Builds the closure tree for a type-checked AST: one closure per node, no eval and no code
 * generation. Null handling (the "missing field" rule, README): `==`, `!=`, `in` treat null as a
 * value like ZEN; `and`/`or`/`not` use three-valued logic; every other operator gives null.
 */
export function compileNode(node: Expr): Run {
  switch (node.kind) {
    case 'number': { const value = new Decimal(node.value); return () => value; }
    case 'string': { const value = node.value; return () => value; }
    case 'boolean': { const value = node.value; return () => value; }
    case 'null': return () => null;
    case 'field': return makeValueReader(node.path);
    case 'array': {
      const items = node.items.map(compileNode);
      return (app) => items.map((item) => item(app));
    }
    case 'range': return () => null; // the checker only lets a range follow `in`, which compiles it itself
    case 'unary': {
      const operand = compileNode(node.operand);
      if (node.operator === '-') return (app) => { const v = operand(app); return isNumber(v) ? v.neg() : null; };
      return (app) => { const v = operand(app); return v === true ? false : v === false ? true : null; };
    }
    case 'conditional': {
      const test = compileNode(node.test);
      const yes = compileNode(node.consequent);
      const no = compileNode(node.alternate);
      // A null condition takes the else branch, as a null condition counts as false everywhere.
      return (app) => (test(app) === true ? yes(app) : no(app));
    }
    case 'item': return compileItem(node);
    case 'call': {
      if (isListHelper(node.name)) return compileListHelper(node, compileNode);
      const [first] = node.args;
      const listItems = first && first.kind === 'array' ? first.items.map(compileNode) : undefined;
      return compileCall(node, node.args.map(compileNode), listItems);
    }
    case 'binary': return compileBinary(node);
  }
}

function compileBinary(node: Binary): Run {
  const op = node.operator;
  if (op === 'in' || op === 'not in') {
    const test = node.right.kind === 'range' ? compileRange(node.left, node.right) : compileMembership(node);
    return op === 'in' ? test : (app) => { const v = test(app); return v === null ? null : !v; };
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') return compileComparison(node.left, op, node.right);
  const left = compileNode(node.left);
  const right = compileNode(node.right);
  switch (op) {
    case 'and':
      // Kleene logic: false wins over null, so a missing field in one branch cannot veto a false one.
      return (app) => {
        const l = left(app);
        if (l === false) return false;
        const r = right(app);
        return r === false ? false : l === true && r === true ? true : null;
      };
    case 'or':
      return (app) => {
        const l = left(app);
        if (l === true) return true;
        const r = right(app);
        return r === true ? true : l === false && r === false ? false : null;
      };
    case '==':
    case '!=': {
      const fast = node.left.kind === 'field' && node.right.kind === 'number' ? fieldAgainstLiteral(node.left.path, node.right.value, (s) => s === 0) : undefined;
      // A missing field is unequal to a number: null → false, not null.
      if (fast) return op === '==' ? (app) => fast(app) === true : (app) => fast(app) !== true;
      return op === '==' ? (app) => equals(left(app), right(app)) : (app) => !equals(left(app), right(app));
    }
    case '+':
      return (app) => {
        const l = left(app);
        const r = right(app);
        if (isNumber(l)) return isNumber(r) ? l.plus(r) : null;
        return typeof l === 'string' && typeof r === 'string' ? l + r : null;
      };
    case '-': return arithmetic(left, right, (l, r) => l.minus(r));
    case '*': return arithmetic(left, right, (l, r) => l.times(r));
    case '/': return arithmetic(left, right, (l, r) => (r.isZero() ? null : l.div(r))); // ZEN: x / 0 is null
    default: return arithmetic(left, right, (l, r) => l.mod(r)); // '%': the checker guarantees a non-zero literal divisor
  }
}

function arithmetic(left: Run, right: Run, op: (l: Decimal, r: Decimal) => Decimal | null): Run {
  return (app) => {
    const l = left(app);
    const r = right(app);
    return isNumber(l) && isNumber(r) ? op(l, r) : null;
  };
}

/**
 * `<`, `<=`, `>`, `>=`. For a field against a literal whose value a double holds exactly, a JS number
 * in the data is compared as a double: its Decimal would be its shortest decimal text, and that
 * text orders exactly like the double, so the answer is the same without allocating a Decimal.
 */
function compileComparison(leftNode: Expr, op: Comparison, rightNode: Expr): Run {
  if (leftNode.kind === 'number' && rightNode.kind === 'field') return compileComparison(rightNode, MIRROR[op], leftNode);
  const test = ORDER[op];
  if (leftNode.kind === 'field' && rightNode.kind === 'number') {
    const fast = fieldAgainstLiteral(leftNode.path, rightNode.value, test);
    if (fast) return fast;
  }
  const left = compileNode(leftNode);
  const right = compileNode(rightNode);
  return (app) => {
    const l = left(app);
    const r = right(app);
    return isNumber(l) && isNumber(r) ? test(l.cmp(r)) : null;
  };
}

/**
 * `field <op> literal` without allocating: when a double holds the literal exactly, a JS number in
 * the data is compared as a double. Its Decimal would be its shortest decimal text, and that text
 * orders exactly like the double, so the answer is the one the Decimal comparison would give.
 */
function fieldAgainstLiteral(path: string[], literalText: string, test: (sign: number) => boolean): Run | undefined {
  const literal = new Decimal(literalText);
  const double = Number(literalText);
  if (!new Decimal(double).eq(literal)) return undefined;
  const read = makeReader(path);
  return (app) => {
    const raw = read(app);
    if (typeof raw === 'number') return Number.isFinite(raw) ? test(raw < double ? -1 : raw > double ? 1 : 0) : null;
    const value = toValue(raw);
    return isNumber(value) ? test(value.cmp(literal)) : null;
  };
}

/** `x in [low..high]` with ZEN's open and closed ends; a reversed range contains nothing. */
function compileRange(valueNode: Expr, range: RangeLiteral): Run {
  const { lowClosed, highClosed } = range;
  if (valueNode.kind === 'field' && range.low.kind === 'number' && range.high.kind === 'number') {
    // `applicant.age in [22..60]`, the commonest eligibility rule: two allocation-free comparisons.
    const aboveLow = fieldAgainstLiteral(valueNode.path, range.low.value, lowClosed ? (s) => s >= 0 : (s) => s > 0);
    const belowHigh = fieldAgainstLiteral(valueNode.path, range.high.value, highClosed ? (s) => s <= 0 : (s) => s < 0);
    if (aboveLow && belowHigh) return (app) => { const low = aboveLow(app); return low === true ? belowHigh(app) : low; };
  }
  const value = compileNode(valueNode);
  const low = compileNode(range.low);
  const high = compileNode(range.high);
  return (app) => {
    const v = value(app);
    const lo = low(app);
    const hi = high(app);
    if (!isNumber(v) || !isNumber(lo) || !isNumber(hi)) return null;
    const fromLow = v.cmp(lo);
    const toHigh = v.cmp(hi);
    return (lowClosed ? fromLow >= 0 : fromLow > 0) && (highClosed ? toHigh <= 0 : toHigh < 0);
  };
}

/** `x in [a, b]` or `x in list.field`: ZEN equality, so `null in [null]` is true; a missing list gives null. */
function compileMembership(node: Binary): Run {
  const value = compileNode(node.left);
  if (node.right.kind === 'array') {
    const items = node.right.items.map(compileNode);
    return (app) => {
      const v = value(app);
      for (let i = 0; i < items.length; i++) if (equals(v, items[i](app))) return true;
      return false;
    };
  }
  const list = compileNode(node.right);
  return (app) => {
    const v = value(app);
    const values: ExpressionValue = list(app);
    if (!Array.isArray(values)) return null;
    for (let i = 0; i < values.length; i++) if (equals(v, values[i])) return true;
    return false;
  };
}
