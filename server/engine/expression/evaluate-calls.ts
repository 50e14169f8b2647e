import { Decimal } from '../money.ts';
import type { ExpressionValue } from '../block-type.ts';
import type { Call } from './ast.ts';
import { compileSum } from './evaluate-lists.ts';
import { isNumber, type Run } from './runtime.ts';

const HALF_AWAY_FROM_ZERO = Decimal.ROUND_HALF_UP; // decimal.js HALF_UP rounds ties away from zero, as ZEN's round does

/**
 * Closures for function calls. Any argument that is null or of the wrong kind gives null (ZEN
 * would raise an error there), as does min/max of an empty list or one holding a null.
 */
export function compileCall(node: Call, args: Run[], listItems: Run[] | undefined): Run {
  const [x, second] = args;
  switch (node.name) {
    case 'min':
    case 'max': {
      const wantBelow = node.name === 'min';
      const pick = (best: Decimal | null, value: ExpressionValue): Decimal | null => {
        if (!isNumber(value)) return null;
        return best === null || (wantBelow ? value.lt(best) : value.gt(best)) ? value : best;
      };
      if (listItems) {
        // A literal list is folded item by item without building an array.
        return (app) => {
          let best: Decimal | null = null;
          for (let i = 0; i < listItems.length; i++) if ((best = pick(best, listItems[i](app))) === null) return null;
          return best;
        };
      }
      return (app) => {
        const list = x(app);
        if (!Array.isArray(list) || list.length === 0) return null;
        let best: Decimal | null = null;
        for (let i = 0; i < list.length; i++) if ((best = pick(best, list[i])) === null) return null;
        return best;
      };
    }
    case 'abs': return numeric(x, (v) => v.abs());
    case 'floor': return numeric(x, (v) => v.floor());
    case 'ceil': return numeric(x, (v) => v.ceil());
    case 'round': {
      const places = node.args.length === 2 && node.args[1].kind === 'number' ? Number(node.args[1].value) : 0;
      return numeric(x, (v) => v.toDecimalPlaces(places, HALF_AWAY_FROM_ZERO));
    }
    case 'len':
      return (app) => {
        const list = x(app);
        return Array.isArray(list) ? new Decimal(list.length) : null;
      };
    case 'sum':
      return compileSum(x);
    case 'some':
    case 'all':
    case 'none':
    case 'count':
    case 'map':
      return () => null; // compiled by compileListHelper; never reached
    case 'contains':
      return (app) => {
        const text = x(app);
        const part = second(app);
        return typeof text === 'string' && typeof part === 'string' ? text.includes(part) : null;
      };
  }
}

function numeric(x: Run, op: (value: Decimal) => Decimal): Run {
  return (app) => {
    const value = x(app);
    return isNumber(value) ? op(value) : null;
  };
}
