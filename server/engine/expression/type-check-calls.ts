import type { Call, Expr } from './ast.ts';
import type { Checker } from './type-check.ts';
import { EXPRESSION_LIMITS } from './limits.ts';
import { ARRAY, BOOLEAN, ERROR_TYPE, NUMBER, STRING, isOnly, t, type ValueType } from './value-type.ts';

/** How many arguments each function takes. */
const ARITY: Record<Call['name'], [number, number]> = { min: [1, 1], max: [1, 1], abs: [1, 1], round: [1, 2], floor: [1, 1], ceil: [1, 1], len: [1, 1], contains: [2, 2] };

/**
 * Checks a function call. The rules follow what GoRules ZEN accepts, minus what it does oddly:
 * `len` of text counts UTF-8 bytes there (罗平县 is 9), so only lists have a length here; an
 * empty `min([])` fails there, so a literal list must not be empty.
 */
export function checkCall(checker: Checker, node: Call): ValueType {
  const [fewest, most] = ARITY[node.name];
  if (node.args.length < fewest || node.args.length > most) {
    const count = fewest === most ? `${fewest}` : `${fewest} or ${most}`;
    return checker.fail(node, { en: `${node.name}() takes ${count} argument${most > 1 ? 's' : ''}, not ${node.args.length}`, zh: `${node.name}() 需要 ${count.replace(' or ', ' 或 ')} 个参数，而不是 ${node.args.length} 个` });
  }
  const types = node.args.map((arg) => checker.visit(arg));
  if (types.some((type) => type.mask === 0)) return ERROR_TYPE;
  const [first] = node.args;
  const argument = (n: number) => ({ en: `Argument ${n} of ${node.name}()`, zh: `${node.name}() 的第 ${n} 个参数` });
  switch (node.name) {
    case 'min':
    case 'max':
      if (!checker.need(first, types[0], ARRAY, argument(1))) return ERROR_TYPE;
      if (first.kind === 'array' && first.items.length === 0) {
        return checker.fail(first, { en: `${node.name}() of an empty list has no value`, zh: `空列表没有${node.name === 'min' ? '最小' : '最大'}值` });
      }
      return checker.need(first, types[0].item ?? t(0), NUMBER, { en: `The items of ${node.name}()`, zh: `${node.name}() 的列表元素` }) ? t(NUMBER) : ERROR_TYPE;
    case 'len':
      if (isOnly(types[0], STRING)) {
        return checker.fail(first, { en: 'len() counts list items; the length of text is not supported', zh: 'len() 只统计列表元素个数，不支持文本长度', hintEn: 'GoRules ZEN counts UTF-8 bytes, so 罗平县 would be 9', hintZh: 'GoRules ZEN 按 UTF-8 字节计数，“罗平县”会得到 9' });
      }
      return checker.need(first, types[0], ARRAY, argument(1)) ? t(NUMBER) : ERROR_TYPE;
    case 'contains':
      return checker.need(first, types[0], STRING, argument(1)) && checker.need(node.args[1], types[1], STRING, argument(2)) ? t(BOOLEAN) : ERROR_TYPE;
    case 'round':
      if (!checker.need(first, types[0], NUMBER, argument(1))) return ERROR_TYPE;
      return node.args.length === 1 || placesOk(checker, node.args[1]) ? t(NUMBER) : ERROR_TYPE;
    default:
      return checker.need(first, types[0], NUMBER, argument(1)) ? t(NUMBER) : ERROR_TYPE;
  }
}

/** Decimal places must be a whole number written in the expression: ZEN fails on negatives and truncates fractions. */
function placesOk(checker: Checker, places: Expr): boolean {
  const max = EXPRESSION_LIMITS.maxRoundPlaces;
  if (places.kind === 'number' && /^\d+$/.test(places.value) && Number(places.value) <= max) return true;
  checker.fail(places, { en: `Decimal places of round() must be a whole number from 0 to ${max} written in the expression`, zh: `round() 的小数位数必须是直接写出的 0 到 ${max} 之间的整数` });
  return false;
}
