import type { ExpressionValue } from '../block-type.ts';
import { Decimal } from '../money.ts';
import type { Call, Expr, ItemRef } from './ast.ts';
import { isNumber, makeReader, toValue, type Run } from './runtime.ts';

/**
 * Closures for the list helpers some/all/none/count/map and for `#`. While a helper's closure runs,
 * its cell holds the current item; a `#` compiled inside the helper's body reads the cell of the
 * innermost helper. Evaluation is synchronous, so one cell per helper node is enough.
 *
 * Null rule (README): a missing list gives null; a body that is not true/false for some item makes
 * some/all/none/count null unless the answer is already decided (some: a true item; all: a false one).
 */
interface Cell {
  item: unknown;
}
const cells: Cell[] = []; // the cells of the helpers being compiled, innermost last

type CompileNode = (node: Expr) => Run;

/** `#` or `#.a.b`: the item (or the item's field) as a language value. Objects are read through their own properties only. */
export function compileItem(node: ItemRef): Run {
  const cell = cells[cells.length - 1];
  if (!cell) return () => null; // the checker refuses `#` outside a helper
  const path = node.path;
  return () => {
    let value: unknown = cell.item;
    for (const name of path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype || !Object.hasOwn(value, name)) return null;
      value = (value as Record<string, unknown>)[name];
    }
    return toValue(value);
  };
}

/** some/all/none/count/map over a list field (the checker guarantees the first argument is a field). */
export function compileListHelper(node: Call, compileNode: CompileNode): Run {
  const [list, body] = node.args;
  const readList = list.kind === 'field' ? makeReader(list.path) : () => undefined;
  const cell: Cell = { item: undefined };
  cells.push(cell);
  let run: Run;
  try {
    run = compileNode(body);
  } finally {
    cells.pop();
  }
  const each = (app: unknown, visit: (value: ExpressionValue) => boolean): boolean => {
    const items = readList(app);
    if (!Array.isArray(items)) return false;
    for (let i = 0; i < items.length; i++) {
      cell.item = items[i];
      if (!visit(run(app))) break;
    }
    return true;
  };
  switch (node.name) {
    case 'some':
    case 'none': {
      const negate = node.name === 'none';
      return (app) => {
        let found = false;
        let unknown = false;
        if (!each(app, (value) => (value === true ? ((found = true), false) : (value !== false && (unknown = true), true)))) return null;
        const answer = found ? true : unknown ? null : false;
        return answer === null ? null : negate ? !answer : answer;
      };
    }
    case 'all':
      return (app) => {
        let failed = false;
        let unknown = false;
        if (!each(app, (value) => (value === false ? ((failed = true), false) : (value !== true && (unknown = true), true)))) return null;
        return failed ? false : unknown ? null : true;
      };
    case 'count':
      return (app) => {
        let count = 0;
        let unknown = false;
        if (!each(app, (value) => (value === true ? count++ : value !== false && (unknown = true), !unknown))) return null;
        return unknown ? null : new Decimal(count);
      };
    default: // map
      return (app) => {
        const values: ExpressionValue[] = [];
        return each(app, (value) => (values.push(value), true)) ? values : null;
      };
  }
}

/** sum(list): the exact sum of a list of numbers (0 for an empty list); null when the list or an item is not a number. */
export function compileSum(list: Run): Run {
  return (app) => {
    const values = list(app);
    if (!Array.isArray(values)) return null;
    let total = new Decimal(0);
    for (const value of values) {
      if (!isNumber(value)) return null;
      total = total.plus(value);
    }
    return total;
  };
}
