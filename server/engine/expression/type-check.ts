import type { Binary, Call, Expr, FieldPath, ItemRef } from './ast.ts';
import { expressionError, type ErrorText, type ExpressionError } from './errors.ts';
import { SchemaReader } from './schema.ts';
import { suggestField } from './suggest.ts';
import { type CallChecker, checkCall } from './type-check-calls.ts';
import { ARRAY, BOOLEAN, ERROR_TYPE, NULL, NUMBER, OBJECT, STRING, describe, isOnly, t, typeName, type TypeName, type ValueType } from './value-type.ts';

/** The type an expression must have where it is used: a condition is boolean, a limit formula a number. */
export type ExpectedType = 'boolean' | 'number' | 'string' | 'any';

/** Result of type-checking: the expression's type, the problems found, and the field paths it reads. */
export interface CheckResult {
  type: TypeName;
  errors: ExpressionError[];
  reads: string[]; // dotted paths, in first-use order, each once
}

// Names every JS object answers for through its prototype. They are never application data, so a
// path naming one is unknown unless the schema itself declares it.
const NOT_DATA = new Set([
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const EXPECTED_BITS: Record<Exclude<ExpectedType, 'any'>, number> = { boolean: BOOLEAN, number: NUMBER, string: STRING };
const EXPECTED_TEXT = {
  boolean: { en: 'A condition must be true or false', zh: '条件必须是“是/否”（布尔值）' },
  number: { en: 'A formula here must give a number', zh: '此处公式的结果必须是数字' },
  string: { en: 'This expression must give text', zh: '此处表达式的结果必须是文本' },
};

/**
 * Type-checks a parsed expression against the application's JSON Schema: every field path must be
 * declared there, every operator must get operands it accepts, and the overall type must be `expected`.
 */
export function checkExpression(ast: Expr, applicationSchema: object, expected: ExpectedType): CheckResult {
  const checker = new Checker(new SchemaReader(applicationSchema));
  const type = checker.visit(ast);
  if (type.mask !== 0 && expected !== 'any' && !isOnly(type, EXPECTED_BITS[expected])) {
    checker.fail(ast, { en: `${EXPECTED_TEXT[expected].en}, but this gives ${describe(type).en}`, zh: `${EXPECTED_TEXT[expected].zh}，但这里得到的是${describe(type).zh}` });
  }
  return { type: typeName(type), errors: checker.errors, reads: checker.reads };
}

/** Walks the AST once; a node whose operand already failed reports nothing more (mask 0). */
export class Checker implements CallChecker {
  readonly errors: ExpressionError[] = [];
  readonly reads: string[] = [];
  /** The item schemas of the list helpers enclosing the node being checked, innermost last (what `#` is). */
  readonly itemScopes: unknown[][] = [];
  constructor(readonly schema: SchemaReader) {}

  fail(node: Expr, text: ErrorText, code: 'EXPRESSION_TYPE' | 'EXPRESSION_FIELD_UNKNOWN' = 'EXPRESSION_TYPE'): ValueType {
    this.errors.push(expressionError(code, node.span, text));
    return ERROR_TYPE;
  }

  /** Reports unless `type` is only of `kinds` (nulls allowed); `role` names the operand in the message. */
  need(node: Expr, type: ValueType, kinds: number, role: { en: string; zh: string }): boolean {
    if (type.mask === 0) return false;
    if (isOnly(type, kinds)) return true;
    const want = describe({ mask: kinds });
    const what = source(node);
    this.fail(node, { en: `${role.en} must be ${want.en}, but ${what.en} is ${describe(type).en}`, zh: `${role.zh}必须是${want.zh}，但${what.zh}是${describe(type).zh}` });
    return false;
  }

  visit(node: Expr): ValueType {
    switch (node.kind) {
      case 'number':
        return t(NUMBER);
      case 'string':
        return t(STRING);
      case 'boolean':
        return t(BOOLEAN);
      case 'null':
        return t(NULL);
      case 'field':
        return this.field(node);
      case 'array':
        return this.array(node.items);
      case 'range':
        return this.fail(node, { en: 'A range can only follow "in" or "not in"', zh: '区间只能用在 in 或 not in 之后' });
      case 'unary': {
        const operand = this.visit(node.operand);
        if (node.operator === 'not') return this.need(node.operand, operand, BOOLEAN, { en: '"not" needs true/false: its operand', zh: 'not 的操作数' }) ? t(BOOLEAN) : ERROR_TYPE;
        return this.need(node.operand, operand, NUMBER, { en: 'The operand of unary "-"', zh: '负号的操作数' }) ? t(NUMBER) : ERROR_TYPE;
      }
      case 'binary':
        return this.binary(node);
      case 'conditional': {
        const test = this.visit(node.test);
        const yes = this.visit(node.consequent);
        const no = this.visit(node.alternate);
        const testOk = this.need(node.test, test, BOOLEAN, { en: 'The condition before "?"', zh: '“?”前的条件' });
        if (!testOk || yes.mask === 0 || no.mask === 0) return ERROR_TYPE;
        if (!compatible(yes, no) || (yes.mask | no.mask) & ARRAY) {
          return this.fail(node, {
            en: `Both branches of "? :" must have the same type, but they are ${describe(yes).en} and ${describe(no).en}`,
            zh: `“? :”两个分支的类型必须相同，但分别是${describe(yes).zh}和${describe(no).zh}`,
          });
        }
        return t(yes.mask | no.mask);
      }
      case 'call':
        return checkCall(this, node as Call);
      case 'item':
        return this.item(node);
    }
  }

  /** The schemas a field path names (empty when unknown), for list helpers that look into its items. */
  fieldSchemas(node: FieldPath): unknown[] {
    let schemas: unknown[] = [this.schema.root];
    for (const name of node.path) schemas = schemas.flatMap((s) => this.schema.child(s, name));
    return schemas;
  }

  /** `#` or `#.a.b` inside a list helper: the item's type, or the type of a field of the item. */
  private item(node: ItemRef): ValueType {
    const scope = this.itemScopes[this.itemScopes.length - 1];
    if (!scope) return this.fail(node, { en: '"#" is only valid inside some(), all(), none(), count() or map()', zh: '“#”只能用在 some()、all()、none()、count()、map() 之中' });
    let schemas = scope;
    for (const name of node.path) {
      schemas = NOT_DATA.has(name) ? [] : schemas.flatMap((s) => this.schema.child(s, name));
      if (schemas.length === 0)
        return this.fail(node, { en: `The list items have no field ${['#', ...node.path].join('.')}`, zh: `列表元素没有字段 ${['#', ...node.path].join('.')}` }, 'EXPRESSION_FIELD_UNKNOWN');
    }
    const type = this.schema.typeOf(schemas);
    if (type.mask & OBJECT) {
      return this.fail(node, {
        en: `${['#', ...node.path].join('.')} is a group of fields, not a value`,
        zh: `${['#', ...node.path].join('.')} 是一组字段，不是单个值`,
        hintEn: 'name one of its fields, e.g. #.crop',
        hintZh: '请写出其中的某个字段，例如 #.crop',
      });
    }
    if (type.mask & ARRAY) return this.fail(node, { en: 'A list inside a list item cannot be read', zh: '不能读取列表元素中的列表' });
    return type;
  }

  private field(node: FieldPath): ValueType {
    let schemas: unknown[] = [this.schema.root];
    for (let i = 0; i < node.path.length; i++) {
      const name = node.path[i];
      schemas = schemas.flatMap((s) => this.schema.child(s, name));
      if (schemas.length === 0) return this.unknownField(node, i);
    }
    const type = this.schema.typeOf(schemas);
    const path = node.path.join('.');
    if (type.mask & OBJECT) {
      return this.fail(node, { en: `${path} is a group of fields, not a value`, zh: `${path} 是一组字段，不是单个值`, hintEn: 'name one of its fields', hintZh: '请写出其中的某个字段' });
    }
    if (!this.reads.includes(path)) this.reads.push(path);
    return type;
  }

  private unknownField(node: FieldPath, at: number): ValueType {
    const path = node.path.join('.');
    if (NOT_DATA.has(node.path[at])) {
      return this.fail(node, { en: `${path} is not an application field ("${node.path[at]}" is never data)`, zh: `${path} 不是申请字段（“${node.path[at]}”不是数据）` }, 'EXPRESSION_FIELD_UNKNOWN');
    }
    const suggestion = suggestField(path, this.schema.paths());
    const hint = suggestion ? { hintEn: `did you mean ${suggestion}?`, hintZh: `是否是 ${suggestion}？` } : {};
    return this.fail(node, { en: `Unknown field ${path}`, zh: `未知字段 ${path}`, ...hint }, 'EXPRESSION_FIELD_UNKNOWN');
  }

  /** An array literal: scalars of one kind (nulls allowed), never nested lists. */
  array(items: Expr[]): ValueType {
    let mask = 0;
    for (const item of items) {
      const type = this.visit(item);
      if (type.mask === 0) return ERROR_TYPE;
      if (type.mask & ARRAY) return this.fail(item, { en: 'A list cannot contain lists', zh: '列表不能包含列表' });
      mask |= type.mask;
    }
    if (!isOnly({ mask }, NUMBER) && !isOnly({ mask }, STRING) && !isOnly({ mask }, BOOLEAN) && mask !== NULL && mask !== 0) {
      return this.fail(items[0], {
        en: `A list must hold one kind of value, but this one mixes ${describe({ mask: mask & ~NULL }, 'and').en}`,
        zh: `列表中的值必须是同一类型，但这里混合了${describe({ mask: mask & ~NULL }, 'and').zh}`,
      });
    }
    return t(ARRAY, t(mask === 0 ? NULL : mask));
  }

  private binary(node: Binary): ValueType {
    if (node.operator === 'in' || node.operator === 'not in') return this.membership(node);
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    const op = node.operator;
    const role = (side: string, sideZh: string) => ({ en: `The ${side} operand of "${op}"`, zh: `“${op}”的${sideZh}操作数` });
    switch (op) {
      case 'and':
      case 'or':
        return this.need(node.left, left, BOOLEAN, role('left', '左')) && this.need(node.right, right, BOOLEAN, role('right', '右')) ? t(BOOLEAN) : ERROR_TYPE;
      case '==':
      case '!=':
        return this.equality(node, left, right) ? t(BOOLEAN) : ERROR_TYPE;
      case '+':
        if (left.mask === 0 || right.mask === 0) return ERROR_TYPE;
        if (isOnly(left, NUMBER) && isOnly(right, NUMBER)) return t(NUMBER);
        if (isOnly(left, STRING) && isOnly(right, STRING)) return t(STRING);
        return this.fail(node, {
          en: `"+" adds two numbers or joins two texts, but here it gets ${describe(left).en} and ${describe(right).en}`,
          zh: `“+”只能把两个数字相加或把两段文本相连，但这里是${describe(left).zh}和${describe(right).zh}`,
        });
      default: {
        const ok = this.need(node.left, left, NUMBER, role('left', '左')) && this.need(node.right, right, NUMBER, role('right', '右'));
        if (ok && op === '%' && !(node.right.kind === 'number' && Number(node.right.value) !== 0)) {
          return this.fail(node.right, {
            en: 'The divisor of "%" must be a non-zero number written in the expression',
            zh: '“%”的除数必须是直接写出的非零数字',
            hintEn: 'GoRules ZEN stops on a remainder by zero',
            hintZh: 'GoRules ZEN 遇到除以零的取余会中止',
          });
        }
        return ok ? t(op === '<' || op === '<=' || op === '>' || op === '>=' ? BOOLEAN : NUMBER) : ERROR_TYPE;
      }
    }
  }

  /** `==` / `!=`: same kind of value, or either side null; lists never (ZEN compares them as always unequal). */
  equality(node: Expr, left: ValueType, right: ValueType): boolean {
    if (left.mask === 0 || right.mask === 0) return false;
    if ((left.mask | right.mask) & ARRAY) {
      this.fail(node, {
        en: 'Lists cannot be compared with "==" or "!=" (GoRules ZEN always answers false)',
        zh: '列表不能用 == 或 != 比较（GoRules ZEN 总是返回 false）',
        hintEn: 'use "in" to test membership',
        hintZh: '判断是否包含请用 in',
      });
      return false;
    }
    if (!compatible(left, right)) {
      this.fail(node, { en: `Cannot compare ${describe(left).en} with ${describe(right).en}`, zh: `不能把${describe(left).zh}与${describe(right).zh}比较` });
      return false;
    }
    return true;
  }

  private membership(node: Binary): ValueType {
    const left = this.visit(node.left);
    if (node.right.kind === 'range') {
      const low = this.visit(node.right.low);
      const high = this.visit(node.right.high);
      const role = { en: 'A range bound', zh: '区间端点' };
      const ok = this.need(node.right.low, low, NUMBER, role) && this.need(node.right.high, high, NUMBER, role);
      return this.need(node.left, left, NUMBER, { en: 'The value tested against a range', zh: '与区间比较的值' }) && ok ? t(BOOLEAN) : ERROR_TYPE;
    }
    const right = this.visit(node.right);
    if (left.mask === 0 || !this.need(node.right, right, ARRAY, { en: `The right side of "${node.operator}"`, zh: `“${node.operator}”的右侧` })) return ERROR_TYPE;
    return this.equality(node, left, right.item ?? t(NULL)) ? t(BOOLEAN) : ERROR_TYPE;
  }
}

/** Two types can meet in `==` or a conditional when they share a kind, or one of them is only null. */
function compatible(a: ValueType, b: ValueType): boolean {
  return a.mask === NULL || b.mask === NULL || (a.mask & b.mask & ~NULL) !== 0;
}

function source(node: Expr): { en: string; zh: string } {
  const text = node.kind === 'field' ? node.path.join('.') : node.kind === 'number' ? node.value : node.kind === 'string' ? JSON.stringify(node.value) : undefined;
  return text === undefined ? { en: 'it', zh: '它' } : { en: text, zh: ` ${text} ` };
}
