/**
 * Limits that keep every expression cheap to parse, check and run, and keep hostile input from
 * exhausting the stack. They are product-wide constants, not per-product settings.
 */
export const EXPRESSION_LIMITS = {
  maxLength: 4096, // characters; longer text is rejected before it is even scanned
  maxDepth: 64, // nesting of parentheses, brackets, calls, unary operators and operator chains
  maxSignificantDigits: 28, // GoRules ZEN stores numbers in a 96-bit decimal: 28 digits always fit
  maxFractionDigits: 28, // ZEN rejects number literals with more decimals than this
  maxRoundPlaces: 28, // round(x, places): ZEN's decimal scale limit
  maxListItems: 1000, // some/all/none/count/map look only into lists whose schema caps them at this many items
} as const;
