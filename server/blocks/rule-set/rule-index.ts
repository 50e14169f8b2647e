import type { Expr } from '../../engine/expression/index.ts';

/**
 * An index over a rule set, so an application touches only the rules it can hit instead of
 * calling thousands of closures. Most credit-factory rules have one of a few shapes:
 *   `field > 6`, `field <= 0.7` (thresholds), `field == "罗平县"`, `field == true` (equality),
 *   `field in ["a", "b"]` (membership), and `A and B` of those.
 * Thresholds are kept sorted per field and found by binary search; equalities in a map. A
 * conjunction is indexed by its first part and confirmed with its compiled closure. Every other
 * rule stays "residual" and is evaluated in order. The result is exactly what evaluating every
 * rule in order gives (rule-set.evaluate.ts proves nothing more is needed).
 */
export interface RuleIndex {
  fields: FieldIndex[];
  residual: Int32Array; // rule positions evaluated one by one, ascending
}

interface FieldIndex {
  path: string[];
  above: Thresholds; // hit when value > t (or ≥ t when inclusive); sorted by t ascending
  below: Thresholds; // hit when value < t (or ≤ t when inclusive); sorted by t descending
  equals: Map<string | boolean, Int32Array>; // value → rule positions
}

interface Thresholds {
  t: Float64Array;
  inclusive: Uint8Array;
  candidate: Int32Array; // the rule's candidate code: position × 2, + 1 for a conjunction to confirm with its closure
}

type Shape = { kind: 'threshold'; path: string[]; side: 'above' | 'below'; t: number; inclusive: boolean } | { kind: 'equals'; path: string[]; values: (string | boolean)[] };

/** A literal a double holds exactly in order: at most 15 significant digits round-trip. */
function exactDouble(text: string): number | undefined {
  const digits = text.replace(/^[-+]/, '').replace('.', '').replace(/^0+/, '').replace(/_/g, '');
  if (digits.length > 15) return undefined;
  const value = Number(text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

const FLIP = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' } as const;

/** The indexable shape of a simple condition, or undefined. */
function shapeOf(node: Expr): Shape | undefined {
  if (node.kind !== 'binary') return undefined;
  const { operator, left, right } = node;
  if (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') {
    const [field, literal, op] = left.kind === 'field' && right.kind === 'number' ? [left, right, operator] : right.kind === 'field' && left.kind === 'number' ? [right, left, FLIP[operator]] : [];
    const t = literal && exactDouble(literal.value);
    if (!field || t === undefined) return undefined;
    return { kind: 'threshold', path: field.path, side: op === '>' || op === '>=' ? 'above' : 'below', t, inclusive: op === '>=' || op === '<=' };
  }
  if (operator === '==' && left.kind === 'field' && (right.kind === 'string' || right.kind === 'boolean')) {
    return { kind: 'equals', path: left.path, values: [right.value] };
  }
  if (operator === 'in' && left.kind === 'field' && right.kind === 'array' && right.items.length && right.items.every((item) => item.kind === 'string')) {
    return { kind: 'equals', path: left.path, values: right.items.map((item) => (item as { value: string }).value) };
  }
  return undefined;
}

/** Builds the index from the rules' parsed conditions (positions = the rule's place in the prepared arrays). */
export function buildRuleIndex(conditions: Expr[]): RuleIndex {
  const byField = new Map<string, { path: string[]; above: [number, boolean, number, boolean][]; below: [number, boolean, number, boolean][]; equals: Map<string | boolean, number[]> }>();
  const residual: number[] = [];
  conditions.forEach((ast, position) => {
    let shape = shapeOf(ast);
    let confirm = false;
    if (!shape && ast.kind === 'binary' && ast.operator === 'and') {
      shape = shapeOf(ast.left) ?? shapeOf(ast.right);
      confirm = true;
    }
    if (!shape) return residual.push(position);
    const key = shape.path.join('.');
    let entry = byField.get(key);
    if (!entry) byField.set(key, (entry = { path: shape.path, above: [], below: [], equals: new Map() }));
    if (shape.kind === 'threshold') entry[shape.side].push([shape.t, shape.inclusive, position, confirm]);
    else if (confirm)
      residual.push(position); // equality conjunctions are rare: evaluate them in order
    else for (const value of new Set(shape.values)) entry.equals.set(value, [...(entry.equals.get(value) ?? []), position]);
  });
  return {
    residual: Int32Array.from(residual.sort((a, b) => a - b)),
    fields: [...byField.values()].map((entry) => ({
      path: entry.path,
      above: thresholds(entry.above.sort((a, b) => a[0] - b[0])),
      below: thresholds(entry.below.sort((a, b) => b[0] - a[0])),
      equals: new Map([...entry.equals].map(([value, positions]) => [value, Int32Array.from(positions)])),
    })),
  };
}

function thresholds(rows: [number, boolean, number, boolean][]): Thresholds {
  return {
    t: Float64Array.from(rows, (row) => row[0]),
    inclusive: Uint8Array.from(rows, (row) => (row[1] ? 1 : 0)),
    candidate: Int32Array.from(rows, (row) => row[2] * 2 + (row[3] ? 1 : 0)),
  };
}

/**
 * Appends to `out` every indexed rule the value of each field can hit, field by field, as a
 * candidate code: position × 2, plus 1 when it is a conjunction the caller confirms with the rule's
 * closure. Thresholds: the hits are a prefix of the sorted list, found by binary search. Plain
 * loops over typed arrays, no callbacks: this runs for thousands of rules on every application.
 */
export function collectCandidates(index: RuleIndex, application: Record<string, unknown>, out: number[]): void {
  const fields = index.fields;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    const value = read(application, field.path);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) continue;
      collectAbove(field.above, value, out);
      collectBelow(field.below, value, out);
    } else if (typeof value === 'string' || typeof value === 'boolean') {
      const positions = field.equals.get(value);
      if (positions) for (let i = 0; i < positions.length; i++) out.push(positions[i] * 2);
    }
  }
}

/** Rules hit when value > t (or ≥ t when inclusive); t ascending. */
function collectAbove({ t, inclusive, candidate }: Thresholds, value: number, out: number[]): void {
  let low = 0;
  let high = t.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (t[mid] < value) low = mid + 1;
    else high = mid;
  }
  for (let i = 0; i < low; i++) out.push(candidate[i]);
  for (let i = low; i < t.length && t[i] === value; i++) if (inclusive[i]) out.push(candidate[i]);
}

/** Rules hit when value < t (or ≤ t when inclusive); t descending. */
function collectBelow({ t, inclusive, candidate }: Thresholds, value: number, out: number[]): void {
  let low = 0;
  let high = t.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (t[mid] > value) low = mid + 1;
    else high = mid;
  }
  for (let i = 0; i < low; i++) out.push(candidate[i]);
  for (let i = low; i < t.length && t[i] === value; i++) if (inclusive[i]) out.push(candidate[i]);
}

/** An own-property read along a path; undefined when any step is missing or not plain data. */
function read(root: Record<string, unknown>, path: string[]): unknown {
  let at: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, path[i])) return undefined;
    at = (at as Record<string, unknown>)[path[i]];
  }
  return at;
}
