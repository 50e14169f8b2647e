import type { LocalizedText } from './text.ts';

/**
 * Every diagnostic code the compiler can emit, in one list (as xyflow keeps its error messages).
 * A code is a stable contract: the studio and channels key on it, messages may change.
 */
export const DIAGNOSTIC_CODES = [
  // document shape
  'DOCUMENT_INVALID', // the flow document does not match flow.schema.json
  'DUPLICATE_ID', // two blocks or two links share an id
  // block types and configs
  'BLOCK_TYPE_UNKNOWN', // no registered block type with that name
  'BLOCK_VERSION_UNKNOWN', // the block's typeVersion is newer than the registry, or has no migration path
  'CONFIG_INVALID', // config fails the block type's JSON Schema
  'MIN_ABOVE_MAX', // a lower bound above its upper bound
  'TABLE_BANDS_OVERLAP', // decision-table / band rows overlap
  'TABLE_BANDS_GAP', // bands leave a gap
  'DUPLICATE_BRANCH', // two router branches / rules / list entries with one id
  // expressions
  'EXPRESSION_SYNTAX', // an expression does not parse
  'EXPRESSION_FIELD_UNKNOWN', // an expression reads a field the application schema does not have
  'EXPRESSION_TYPE', // an expression has the wrong type (e.g. a number where a condition is needed)
  'EXPRESSION_LIMIT', // an expression is too long or too deeply nested
  // graph
  'START_MISSING', // no `application` start block
  'START_DUPLICATE', // more than one start block
  'LINK_BLOCK_UNKNOWN', // a link names a block that does not exist
  'PORT_UNKNOWN', // a link names a port the block does not have
  'PORT_KIND_MISMATCH', // a link joins ports of incompatible kinds
  'PORT_ALREADY_LINKED', // an output port has more than one link (an application follows one path)
  'INPUT_UNLINKED', // a non-start block has no incoming link
  'OUTPUT_UNLINKED', // a path stops at a block that is not an outcome
  'CYCLE', // links form a cycle
  'UNREACHABLE_BLOCK', // no path from the start block reaches it
  'PATH_WITHOUT_LIMIT', // a path reaches `offer` without a limit block
  'PATH_WITHOUT_BASE_RATE', // a path reaches `offer` without a base price
  'PATH_MULTIPLE_BASE_RATES', // a path reaches `offer` through more than one base price
  'PATH_WITHOUT_REPAYMENT', // a path reaches `offer` without a repayment block
  'PATH_MULTIPLE_REPAYMENTS', // a path reaches `offer` through more than one repayment block
  // derived products
  'BASE_UNKNOWN', // the base product (or pinned version) cannot be found
  'BASE_DERIVED', // a base that is itself derived (one level only)
  'OVERRIDE_BLOCK_UNKNOWN', // an override names a block the base no longer has
  // regulation (shared/domain/regulation.md)
  'APR_ABOVE_24', // annualised rate above the 24 % red line: error
  'APR_ABOVE_4X_LPR', // above 4 × 1Y LPR: warning
  'ADVERTISED_APR_UNREACHABLE', // the advertised rate range cannot be an APR: the product's fees put every APR above it (warning)
  'AMOUNT_RANGE_UNREACHABLE', // the start block's amount range promises amounts no path's limit blocks can approve (warning)
  'TERM_RANGE_MISMATCH', // the start block's term range and the repayment blocks' terms disagree (warning)
  'CONSUMER_RATE_BELOW_FLOOR', // consumer rate under 3 %: warning
  'ONLINE_CONSUMER_AMOUNT_CAP', // internet consumer credit above the 20万 (30万 relief) cap
  'AGE_PLUS_TERM', // age at maturity cap too high for the product kind
  'ONLINE_BULLET_OVER_ONE_YEAR', // bullet repayment over 12 months on an online channel
  'TERM_ABOVE_LEGAL_MAX', // consumer > 5 (7) years, business > 10 years
  'INCLUSIVE_FEE_FORBIDDEN', // a fee the 普惠小微 rules forbid
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';

/** One finding of the compiler, pointing at the block and the field it concerns. */
export interface Diagnostic {
  code: DiagnosticCode; // stable code
  severity: Severity; // errors block publishing; warnings are shown
  message: LocalizedText; // specific, in both languages
  blockId?: string; // the block it concerns (absent for document-level findings)
  linkId?: string; // the link it concerns
  pointer: string; // JSON pointer into the flow document, e.g. "/blocks/3/config/maxAmount"
  line?: number; // expressions: 1-based line in the expression text
  column?: number; // expressions: 1-based column in the expression text
  length?: number; // expressions: length of the marked span
}

/** A finding a block type reports about its own config; the compiler adds blockId and the full pointer. */
export interface BlockDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: LocalizedText;
  pointer: string; // relative to the block's config, e.g. "/bands/2/min" ("" = the whole config)
  line?: number;
  column?: number;
  length?: number;
}
