import { isListHelper, type Call, type Expr, type FieldPath } from './ast.ts';
import type { ErrorText } from './errors.ts';
import { EXPRESSION_LIMITS } from './limits.ts';
import type { SchemaReader } from './schema.ts';
import { ARRAY, BOOLEAN, ERROR_TYPE, NUMBER, STRING, isOnly, t, type ValueType } from './value-type.ts';

/**
 * What the call rules ask of the checker walking the expression (type-check.ts's `Checker`, which
 * calls `checkCall` back for each call node): named here so the two modules do not import each other.
 */
export interface CallChecker {
  readonly schema: SchemaReader;
  readonly itemScopes: unknown[][];
  visit(node: Expr): ValueType;
  fail(node: Expr, text: ErrorText): ValueType;
  need(node: Expr, type: ValueType, kinds: number, role: { en: string; zh: string }): boolean;
  fieldSchemas(node: FieldPath): unknown[];
}

/** How many arguments each function takes. */
const ARITY: Record<Call['name'], [number, number]> = {
  min: [1, 1],
  max: [1, 1],
  abs: [1, 1],
  round: [1, 2],
  floor: [1, 1],
  ceil: [1, 1],
  len: [1, 1],
  contains: [2, 2],
  sum: [1, 1],
  some: [2, 2],
  all: [2, 2],
  none: [2, 2],
  count: [2, 2],
  map: [2, 2],
};

/**
 * Checks a function call. The rules follow what GoRules ZEN accepts, minus what it does oddly:
 * `len` of text counts UTF-8 bytes there (罗平县 is 9), so only lists have a length here; an
 * empty `min([])` fails there, so a literal list must not be empty.
 */
export function checkCall(checker: CallChecker, node: Call): ValueType {
  const [fewest, most] = ARITY[node.name];
  if (node.args.length < fewest || node.args.length > most) {
    const count = fewest === most ? `${fewest}` : `${fewest} or ${most}`;
    return checker.fail(node, {
      en: `${node.name}() takes ${count} argument${most > 1 ? 's' : ''}, not ${node.args.length}`,
      zh: `${node.name}() 需要 ${count.replace(' or ', ' 或 ')} 个参数，而不是 ${node.args.length} 个`,
    });
  }
  if (isListHelper(node.name)) return checkListHelper(checker, node);
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
        return checker.fail(first, {
          en: 'len() counts list items; the length of text is not supported',
          zh: 'len() 只统计列表元素个数，不支持文本长度',
          hintEn: 'GoRules ZEN counts UTF-8 bytes, so 罗平县 would be 9',
          hintZh: 'GoRules ZEN 按 UTF-8 字节计数，“罗平县”会得到 9',
        });
      }
      return checker.need(first, types[0], ARRAY, argument(1)) ? t(NUMBER) : ERROR_TYPE;
    case 'sum':
      if (!checker.need(first, types[0], ARRAY, argument(1))) return ERROR_TYPE;
      return checker.need(first, types[0].item ?? t(0), NUMBER, { en: 'The items of sum()', zh: 'sum() 的列表元素' }) ? t(NUMBER) : ERROR_TYPE;
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
function placesOk(checker: CallChecker, places: Expr): boolean {
  const max = EXPRESSION_LIMITS.maxRoundPlaces;
  if (places.kind === 'number' && /^\d+$/.test(places.value) && Number(places.value) <= max) return true;
  checker.fail(places, { en: `Decimal places of round() must be a whole number from 0 to ${max} written in the expression`, zh: `round() 的小数位数必须是直接写出的 0 到 ${max} 之间的整数` });
  return false;
}

/**
 * some/all/none/count/map(list, body): the list must be an application field whose schema bounds its
 * length (`maxItems`), so the work stays bounded by what the application schema validates; `#` in
 * the body is the item. some/all/none/count need a true/false body; map gives a list of its values.
 */
function checkListHelper(checker: CallChecker, node: Call): ValueType {
  const [list, body] = node.args;
  const role = { en: `Argument 1 of ${node.name}()`, zh: `${node.name}() 的第 1 个参数` };
  if (list.kind !== 'field') {
    checker.visit(list);
    return checker.fail(list, { en: `${node.name}() looks into a list field of the application, e.g. farm.crops`, zh: `${node.name}() 只能用于申请中的列表字段，例如 farm.crops` });
  }
  const listType = checker.visit(list);
  if (!checker.need(list, listType, ARRAY, role)) return ERROR_TYPE;
  const schemas = checker.fieldSchemas(list).map((schema) => checker.schema.resolve(schema));
  const bounded = schemas.length > 0 && schemas.every((schema) => typeof schema === 'object' && Number.isInteger(schema.maxItems) && (schema.maxItems as number) <= EXPRESSION_LIMITS.maxListItems);
  if (!bounded) {
    return checker.fail(list, {
      en: `${list.path.join('.')} has no maximum length (maxItems ≤ ${EXPRESSION_LIMITS.maxListItems}) in the application schema, so ${node.name}() could take unbounded time`,
      zh: `申请数据结构中 ${list.path.join('.')} 没有最大长度（maxItems ≤ ${EXPRESSION_LIMITS.maxListItems}），${node.name}() 的耗时无法限定`,
    });
  }
  checker.itemScopes.push(schemas.flatMap((schema) => (typeof schema === 'object' && schema.items !== undefined ? [schema.items] : [])));
  const bodyType = checker.visit(body);
  checker.itemScopes.pop();
  if (bodyType.mask === 0) return ERROR_TYPE;
  if (node.name === 'map') {
    if (bodyType.mask & ARRAY) return checker.fail(body, { en: 'map() gives a list of values, not of lists', zh: 'map() 的结果是值的列表，不能是列表的列表' });
    return t(ARRAY, bodyType);
  }
  if (!checker.need(body, bodyType, BOOLEAN, { en: `The condition of ${node.name}()`, zh: `${node.name}() 的条件` })) return ERROR_TYPE;
  return node.name === 'count' ? t(NUMBER) : t(BOOLEAN);
}
