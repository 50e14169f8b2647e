import type { LocalizedText } from '../text.ts';

/** The four diagnostic codes an expression can produce (a subset of DIAGNOSTIC_CODES). */
export type ExpressionErrorCode = 'EXPRESSION_SYNTAX' | 'EXPRESSION_FIELD_UNKNOWN' | 'EXPRESSION_TYPE' | 'EXPRESSION_LIMIT';

/** Where a piece of source text sits: 0-based offset and length, 1-based line and column (for Monaco markers). */
export interface SourceSpan {
  offset: number; // UTF-16 code units from the start of the source
  length: number; // UTF-16 code units covered (at least 1 when the source is not empty)
  line: number; // 1-based
  column: number; // 1-based, in UTF-16 code units like Monaco
}

/** One problem found while parsing or type-checking an expression, with a message in both UI languages. */
export interface ExpressionError extends SourceSpan {
  code: ExpressionErrorCode;
  message: LocalizedText; // names the position: "... at line 2, column 5"
}

/** Text for one error: what went wrong and, optionally, how to fix it. */
export interface ErrorText {
  en: string;
  zh: string;
  hintEn?: string; // "did you mean applicant.age?"
  hintZh?: string;
}

/** Builds an error whose message carries the line and column, so it reads well outside an editor too. */
export function expressionError(code: ExpressionErrorCode, span: SourceSpan, text: ErrorText): ExpressionError {
  const { line, column } = span;
  const en = `${text.en} at line ${line}, column ${column}${text.hintEn ? ` — ${text.hintEn}` : ''}`;
  const zh = `${text.zh}（第 ${line} 行第 ${column} 列）${text.hintZh ? `——${text.hintZh}` : ''}`;
  return { code, message: { 'zh-CN': zh, en }, offset: span.offset, length: span.length, line, column };
}

/** Thrown inside the parser to stop at the first syntax or limit error; never escapes parseExpression. */
export class ParseStop extends Error {
  constructor(readonly error: ExpressionError) {
    super(error.message.en);
  }
}
