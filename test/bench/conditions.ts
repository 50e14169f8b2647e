/**
 * A rule condition in a neutral form, rendered three ways from one source so the three engines run
 * the same rules: our expression language (a subset of ZEN's, so the same text runs in ZEN) and
 * json-rules-engine's condition JSON.
 */
export type Comparison = '>' | '>=' | '<' | '<=';

export type Condition =
  | { kind: 'compare'; field: string; op: Comparison; value: number }
  | { kind: 'equals'; field: string; value: string | boolean }
  | { kind: 'in'; field: string; values: string[] }
  | { kind: 'all'; of: Condition[] };

/** Our expression text (also valid ZEN): `applicant.bureau.inquiries3m > 6`. */
export function expressionOf(condition: Condition): string {
  switch (condition.kind) {
    case 'compare':
      return `${condition.field} ${condition.op} ${condition.value}`;
    case 'equals':
      return `${condition.field} == ${JSON.stringify(condition.value)}`;
    case 'in':
      return `${condition.field} in [${condition.values.map((v) => JSON.stringify(v)).join(', ')}]`;
    case 'all':
      return condition.of.map((part) => (part.kind === 'all' ? `(${expressionOf(part)})` : expressionOf(part))).join(' and ');
  }
}

const OPERATORS: Record<Comparison, string> = { '>': 'greaterThan', '>=': 'greaterThanInclusive', '<': 'lessThan', '<=': 'lessThanInclusive' };

/** A json-rules-engine condition: fact = the top-level key, path = JSONPath of the rest. */
export type JreCondition = { fact: string; path?: string; operator: string; value: unknown } | { all: JreCondition[] };

export function jreConditionOf(condition: Condition): JreCondition {
  const at = (field: string) => {
    const [fact, ...rest] = field.split('.');
    return rest.length ? { fact, path: `$.${rest.join('.')}` } : { fact };
  };
  switch (condition.kind) {
    case 'compare':
      return { ...at(condition.field), operator: OPERATORS[condition.op], value: condition.value };
    case 'equals':
      return { ...at(condition.field), operator: 'equal', value: condition.value };
    case 'in':
      return { ...at(condition.field), operator: 'in', value: condition.values };
    case 'all':
      return { all: condition.of.map(jreConditionOf) };
  }
}
