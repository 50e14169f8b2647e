import { expressionError, ParseStop, type SourceSpan } from './errors.ts';
import { EXPRESSION_LIMITS } from './limits.ts';

export type TokenKind = 'number' | 'string' | 'identifier' | 'keyword' | 'punctuation' | 'end';

/** One token; `value` is the decoded text (a number's digits without `_`, a string's content). */
export interface Token {
  kind: TokenKind;
  value: string;
  offset: number;
  length: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);
// Longest first, so `..` wins over `.` and `<=` over `<`.
const PUNCTUATION = ['..', '==', '!=', '<=', '>=', '(', ')', '[', ']', ',', '.', '?', ':', '+', '-', '*', '/', '%', '<', '>', '!', '#'];
// Operators people bring from other languages: ZEN does not accept them, so we explain instead.
const FOREIGN: Record<string, { en: string; zh: string }> = {
  '&&': { en: 'use "and" instead of "&&"', zh: '请用 and 代替 &&' },
  '||': { en: 'use "or" instead of "||"', zh: '请用 or 代替 ||' },
  '=': { en: 'use "==" to compare', zh: '比较请用 ==' },
  '^': { en: 'powers are not supported', zh: '不支持乘方' },
};

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/** Maps offsets to 1-based line/column. */
export class SourceMap {
  private readonly lineStarts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') this.lineStarts.push(i + 1);
  }
  span(offset: number, length: number): SourceSpan {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, length: Math.max(length, 1), line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }
}

/** Splits source text into tokens; stops at the first bad character with a positioned error. */
export function tokenize(map: SourceMap): Token[] {
  const src = map.source;
  const tokens: Token[] = [];
  let i = 0;
  const fail = (offset: number, length: number, en: string, zh: string, hintEn?: string, hintZh?: string): never => {
    throw new ParseStop(expressionError('EXPRESSION_SYNTAX', map.span(offset, length), { en, zh, hintEn, hintZh }));
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (isDigit(c)) {
      i = scanDigits(src, i);
      let fraction = '';
      // `1..5` is a range, so a dot only starts a fraction when a digit follows it.
      if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
        const fractionStart = i + 1;
        i = scanDigits(src, fractionStart);
        fraction = src.slice(fractionStart, i).replaceAll('_', '');
      }
      if (isIdentPart(src[i] ?? '')) fail(start, i - start + 1, 'Malformed number', '数字格式错误', 'write plain decimals such as 1000 or 1_000.5', '请写成 1000 或 1_000.5 这样的十进制数');
      const text = src.slice(start, i).replaceAll('_', '');
      checkDigits(text, fraction, () => {
        throw new ParseStop(expressionError('EXPRESSION_LIMIT', map.span(start, i - start), {
          en: `Number ${src.slice(start, i)} has too many digits (at most ${EXPRESSION_LIMITS.maxSignificantDigits})`,
          zh: `数字 ${src.slice(start, i)} 位数过多（最多 ${EXPRESSION_LIMITS.maxSignificantDigits} 位）`,
        }));
      });
      tokens.push({ kind: 'number', value: text, offset: start, length: i - start });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < src.length && isIdentPart(src[i])) i++;
      const word = src.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'identifier', value: word, offset: start, length: i - start });
      continue;
    }
    if (c === '"' || c === "'") {
      // ZEN has no escape sequences: a string runs to the next matching quote, backslashes included.
      const end = src.indexOf(c, i + 1);
      if (end < 0) fail(start, src.length - start, 'Unterminated text: missing closing quote', '文本缺少结束引号');
      tokens.push({ kind: 'string', value: src.slice(i + 1, end), offset: start, length: end + 1 - start });
      i = end + 1;
      continue;
    }
    const foreign = Object.keys(FOREIGN).find((f) => src.startsWith(f, i) && !(f === '=' && src[i + 1] === '='));
    const punct = PUNCTUATION.find((p) => src.startsWith(p, i));
    if (punct && !(foreign && foreign.length > punct.length)) {
      tokens.push({ kind: 'punctuation', value: punct, offset: start, length: punct.length });
      i += punct.length;
      continue;
    }
    if (foreign) fail(start, foreign.length, `Unsupported operator "${foreign}"`, `不支持的运算符“${foreign}”`, FOREIGN[foreign].en, FOREIGN[foreign].zh);
    const ch = String.fromCodePoint(src.codePointAt(i) ?? 0);
    fail(start, ch.length, `Unexpected character "${ch}"`, `无法识别的字符“${ch}”`, 'field names use letters, digits and _', '字段名只能包含英文字母、数字和 _');
  }
  tokens.push({ kind: 'end', value: '', offset: src.length, length: 0 });
  return tokens;
}

/** Digits with `_` separators between them (`1_000`), as ZEN writes them. */
function scanDigits(src: string, i: number): number {
  while (i < src.length && (isDigit(src[i]) || (src[i] === '_' && isDigit(src[i + 1] ?? '')))) i++;
  return i;
}

/** Rejects literals ZEN cannot hold, so a literal never means something else there. */
function checkDigits(text: string, fraction: string, tooLong: () => never): void {
  const significant = text.replace('.', '').replace(/^0+/, '');
  if (significant.length > EXPRESSION_LIMITS.maxSignificantDigits || fraction.length > EXPRESSION_LIMITS.maxFractionDigits) tooLong();
}
