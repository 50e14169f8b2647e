import { FUNCTION_NAMES, isListHelper, type BinaryOperator, type Expr, type FunctionName } from './ast.ts';
import { expressionError, ParseStop, type ExpressionError, type SourceSpan } from './errors.ts';
import { SourceMap, tokenize, type Token } from './lexer.ts';
import { EXPRESSION_LIMITS } from './limits.ts';

/**
 * Binding strength of binary operators, as in GoRules ZEN: all comparisons, `in` and `not in` share
 * one level and associate to the left (`a < b == true` is `(a < b) == true`); `and` binds tighter
 * than `or`; the conditional `? :` is loosest. Unary `-`, `not`, `!` bind tighter than all of them.
 */
const PRECEDENCE: Record<BinaryOperator, number> = {
  or: 1, and: 2,
  '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3, in: 3, 'not in': 3,
  '+': 4, '-': 4,
  '*': 5, '/': 5, '%': 5,
};

const isToken = (value: Token | Expr): value is Token => typeof (value as Token).offset === 'number';

const CALL_HINT = { hintEn: `only ${FUNCTION_NAMES.join(', ')} can be called`, hintZh: `只能调用 ${FUNCTION_NAMES.join('、')}` };

/** A node before its position and depth are known. */
type NodeFields = Expr extends infer E ? (E extends Expr ? Omit<E, 'span' | 'depth'> : never) : never;

/** Result of parsing: an AST when the text is well formed, otherwise exactly one positioned error. */
export interface ParseResult {
  ast?: Expr;
  errors: ExpressionError[];
}

/**
 * Parses expression text into an AST with source positions. Never throws: over-long text is
 * rejected before scanning and nesting is counted while parsing, so hostile input cannot exhaust
 * the stack.
 */
export function parseExpression(source: string): ParseResult {
  const map = new SourceMap(source.length > EXPRESSION_LIMITS.maxLength ? '' : source);
  if (source.length > EXPRESSION_LIMITS.maxLength) {
    const en = `Expression is ${source.length} characters long; the limit is ${EXPRESSION_LIMITS.maxLength}`;
    const zh = `表达式长度为 ${source.length} 个字符，超过上限 ${EXPRESSION_LIMITS.maxLength}`;
    return { errors: [expressionError('EXPRESSION_LIMIT', { offset: 0, length: 1, line: 1, column: 1 }, { en, zh })] };
  }
  try {
    const parser = new Parser(map, tokenize(map));
    return { ast: parser.parseAll(), errors: [] };
  } catch (e) {
    if (e instanceof ParseStop) return { errors: [e.error] };
    throw e;
  }
}

class Parser {
  private pos = 0;
  private itemScopes = 0; // how many list-helper bodies enclose the current position (`#` is valid when > 0)
  private nesting = 0;
  constructor(private readonly map: SourceMap, private readonly tokens: Token[]) {}

  parseAll(): Expr {
    if (this.peek().kind === 'end') this.fail(this.peek(), 'Expression is empty', '表达式为空');
    const expr = this.parseConditional();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      this.fail(rest, `Unexpected "${rest.value}"`, `多余的“${rest.value}”`, rest.value === '(' ? CALL_HINT : {});
    }
    return expr;
  }

  private parseConditional(): Expr {
    this.enter();
    const test = this.parseBinary(1);
    let result = test;
    if (this.at('?')) {
      this.pos++;
      const consequent = this.parseConditional();
      this.expect(':', 'the ":" of a conditional', '条件表达式的“:”');
      const alternate = this.parseConditional();
      result = this.node({ kind: 'conditional', test, consequent, alternate }, test, alternate, [test, consequent, alternate]);
    }
    this.nesting--;
    return result;
  }

  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const operator = this.binaryOperator(token);
      if (!operator || PRECEDENCE[operator] < minPrecedence) return left;
      this.pos += operator === 'not in' ? 2 : 1;
      const last = this.tokens[this.pos - 1]; // `in` of `not in`
      const operatorSpan = this.map.span(token.offset, last.offset + last.length - token.offset);
      const right = this.parseBinary(PRECEDENCE[operator] + 1);
      left = this.node({ kind: 'binary', operator, left, right, operatorSpan }, left, right, [left, right]);
    }
  }

  private binaryOperator(token: Token): BinaryOperator | undefined {
    if (token.kind === 'keyword') {
      if (token.value === 'and' || token.value === 'or' || token.value === 'in') return token.value;
      if (token.value === 'not' && this.tokens[this.pos + 1].value === 'in' && this.tokens[this.pos + 1].kind === 'keyword') return 'not in';
      return undefined;
    }
    return token.kind === 'punctuation' && token.value in PRECEDENCE ? (token.value as BinaryOperator) : undefined;
  }

  private parseUnary(): Expr {
    const token = this.peek();
    const isNot = (token.kind === 'keyword' && token.value === 'not') || (token.kind === 'punctuation' && token.value === '!');
    if (!isNot && !(token.kind === 'punctuation' && token.value === '-')) return this.parsePrimary();
    this.enter();
    this.pos++;
    const operand = this.parseUnary();
    this.nesting--;
    // `-12` is one literal, so `x % -3` keeps a literal divisor and `-1` stays a constant.
    if (!isNot && operand.kind === 'number') {
      const value = operand.value.startsWith('-') ? operand.value.slice(1) : `-${operand.value}`;
      return this.node({ kind: 'number', value }, token, operand, []);
    }
    return this.node({ kind: 'unary', operator: isNot ? 'not' : '-', operand }, token, operand, [operand]);
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number': return this.node({ kind: 'number', value: token.value }, token, token, []);
      case 'string': return this.node({ kind: 'string', value: token.value }, token, token, []);
      case 'identifier': return this.parseNameOrCall(token);
      case 'keyword':
        if (token.value === 'true' || token.value === 'false') return this.node({ kind: 'boolean', value: token.value === 'true' }, token, token, []);
        if (token.value === 'null') return this.node({ kind: 'null' }, token, token, []);
        break;
      case 'punctuation':
        if (token.value === '(' || token.value === '[') return this.parseGroup(token);
        if (token.value === '#') return this.parseItem(token);
        break;
      case 'end':
        return this.fail(token, 'Expression ends too early: a value is missing', '表达式不完整：缺少一个值');
    }
    return this.fail(token, `Unexpected "${token.value}": a value is expected here`, `此处应为一个值，而不是“${token.value}”`);
  }

  private parseNameOrCall(first: Token): Expr {
    if (this.at('(')) {
      if (!(FUNCTION_NAMES as readonly string[]).includes(first.value)) {
        this.fail(first, `Unknown function ${first.value}`, `未知函数 ${first.value}`, { hintEn: `available: ${FUNCTION_NAMES.join(', ')}`, hintZh: `可用函数：${FUNCTION_NAMES.join('、')}` });
      }
      this.pos++;
      const args = isListHelper(first.value) ? this.parseHelperArgs() : this.parseList(')');
      return this.node({ kind: 'call', name: first.value as FunctionName, args }, first, this.tokens[this.pos - 1], args);
    }
    const path = [first.value];
    const segmentSpans = [this.map.span(first.offset, first.length)];
    let last = first;
    while (this.at('.')) {
      this.pos++;
      last = this.next();
      if (last.kind !== 'identifier' && last.kind !== 'keyword') this.fail(last, 'A field name is expected after "."', '“.”后应为字段名');
      path.push(last.value);
      segmentSpans.push(this.map.span(last.offset, last.length));
    }
    if (this.at('(')) this.fail(this.peek(), 'Method calls are not allowed', '不允许调用方法', CALL_HINT);
    if (this.at('[')) this.fail(this.peek(), 'Indexing with [ ] is not supported', '不支持用 [ ] 取下标');
    return this.node({ kind: 'field', path, segmentSpans }, first, last, []);
  }

  /** The arguments of some/all/none/count/map: a list, then an expression in which `#` is the item. */
  private parseHelperArgs(): Expr[] {
    if (this.at(')')) { this.pos++; return []; }
    const list = this.parseConditional();
    if (this.at(')')) { this.pos++; return [list]; }
    this.expect(',', '","', '“,”');
    this.itemScopes++;
    const body = this.parseConditional();
    this.itemScopes--;
    if (this.at(',')) this.pos++;
    this.expect(')', '")"', '“)”');
    return [list, body];
  }

  /** `#` or `#.name.name`: the current list item, only inside the second argument of a list helper. */
  private parseItem(hash: Token): Expr {
    if (this.itemScopes === 0) {
      this.fail(hash, '"#" stands for the list item and is only valid in the second argument of some(), all(), none(), count() or map()', '“#”表示列表元素，只能用在 some()、all()、none()、count()、map() 的第二个参数中');
    }
    const path: string[] = [];
    let last = hash;
    while (this.at('.')) {
      this.pos++;
      last = this.next();
      if (last.kind !== 'identifier' && last.kind !== 'keyword') this.fail(last, 'A field name is expected after "."', '“.”后应为字段名');
      path.push(last.value);
    }
    return this.node({ kind: 'item', path }, hash, last, []);
  }

  /** `( expr )`, `[ items ]`, or a range `[a..b]`, `(a..b)`, `[a..b)`, `(a..b]`. */
  private parseGroup(open: Token): Expr {
    if (open.value === '[' && this.at(']')) {
      this.pos++;
      return this.node({ kind: 'array', items: [] }, open, this.tokens[this.pos - 1], []);
    }
    const first = this.parseConditional();
    let result: Expr;
    if (this.at('..')) {
      this.pos++;
      const high = this.parseConditional();
      const close = this.next();
      if (close.value !== ']' && close.value !== ')') this.fail(close, 'A range must end with "]" or ")"', '区间应以“]”或“)”结束');
      result = this.node({ kind: 'range', low: first, high, lowClosed: open.value === '[', highClosed: close.value === ']' }, open, close, [first, high]);
    } else if (open.value === '(') {
      this.expect(')', '")"', '“)”');
      result = first;
    } else {
      const items = this.at(',') ? (this.pos++, this.at(']') ? (this.pos++, []) : this.parseList(']')) : (this.expect(']', '"]"', '“]”'), []);
      items.unshift(first);
      result = this.node({ kind: 'array', items }, open, this.tokens[this.pos - 1], items);
    }
    return result;
  }

  /** Comma-separated expressions up to `close`; a trailing comma is allowed, as in ZEN. */
  private parseList(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.at(close)) {
      items.push(this.parseConditional());
      if (this.at(',')) this.pos++;
      else if (!this.at(close)) this.fail(this.peek(), `Expected "," or "${close}"`, `此处应为“,”或“${close}”`);
    }
    this.pos++;
    return items;
  }

  private node(fields: NodeFields, from: Token | Expr, to: Token | Expr, children: Expr[]): Expr {
    const start = isToken(from) ? from.offset : from.span.offset;
    const end = isToken(to) ? to.offset + to.length : to.span.offset + to.span.length;
    let depth = 1;
    for (const child of children) if (child.depth >= depth) depth = child.depth + 1;
    const span = this.map.span(start, end - start);
    if (depth > EXPRESSION_LIMITS.maxDepth) this.tooDeep(span);
    // Completing the literal in place (no spread) keeps parsing at a few µs per expression.
    const node = fields as Expr;
    node.span = span;
    node.depth = depth;
    return node;
  }

  /** Counts nesting before recursing, so 10,000 parentheses stop at level 65, not at a RangeError. */
  private enter(): void {
    if (++this.nesting > EXPRESSION_LIMITS.maxDepth) this.tooDeep(this.map.span(this.peek().offset, this.peek().length));
  }

  private tooDeep(span: SourceSpan): never {
    throw new ParseStop(expressionError('EXPRESSION_LIMIT', span, {
      en: `Expression is nested more than ${EXPRESSION_LIMITS.maxDepth} levels deep`,
      zh: `表达式嵌套超过 ${EXPRESSION_LIMITS.maxDepth} 层`,
      hintEn: 'split it, or use "in [..]" instead of long chains of "or"',
      hintZh: '请拆分，或用 in [..] 代替一长串 or',
    }));
  }

  private peek(): Token { return this.tokens[this.pos]; }
  private next(): Token { return this.tokens[this.pos < this.tokens.length - 1 ? this.pos++ : this.pos]; }
  private at(value: string): boolean { const t = this.peek(); return t.kind === 'punctuation' && t.value === value; }

  private expect(value: string, en: string, zh: string): void {
    if (!this.at(value)) this.fail(this.peek(), `Expected ${en}`, `此处应为${zh}`);
    this.pos++;
  }

  private fail(token: Token, en: string, zh: string, hint: { hintEn?: string; hintZh?: string } = {}): never {
    const what = token.kind === 'end' ? { en: `${en} (end of expression)`, zh: `${zh}（表达式末尾）` } : { en, zh };
    throw new ParseStop(expressionError('EXPRESSION_SYNTAX', this.map.span(token.offset, token.length), { ...what, ...hint }));
  }
}
