import type { BlockResult } from '../../engine/block-type.ts';
import { Decimal } from '../../engine/money.ts';
import type { RateAdjustment } from '../../engine/offer-parts.ts';
import { candidateRows } from './pricing-table.index.ts';
import type { BandIndex, InputValue, PreparedPricingTable, PreparedRow } from './pricing-table.types.ts';

/** The band containing `value`: the last band whose min ≤ value, if value is below its max (O(log n)). */
function findBand(bands: BandIndex, value: number | Decimal): PreparedRow | undefined {
  // Bounds are JSON numbers; a value that is not exactly a JS number is compared as a Decimal.
  const atLeast = typeof value === 'number' ? (bound: number) => value >= bound : (bound: number) => bound === -Infinity || (bound !== Infinity && value.gte(bound));
  let low = 0;
  let high = bands.mins.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (atLeast(bands.mins[middle])) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found >= 0 && !atLeast(bands.maxs[found]) ? bands.rows[found] : undefined;
}

function matchingRows(prepared: PreparedPricingTable, values: readonly InputValue[]): PreparedRow[] {
  if (prepared.bands) {
    const value = values[prepared.bands.input];
    const row = value === null ? undefined : findBand(prepared.bands, value as number | Decimal);
    return row ? [row] : [];
  }
  const index = prepared.rowIndex;
  if (index) {
    const rows = candidateRows(index.root, values);
    const unindexed = index.unindexed;
    if (prepared.hitPolicy === 'first') {
      for (let i = 0; i < rows.length; i++) if (unindexed[rows[i].index](values)) return [rows[i]];
      return [];
    }
    return rows.filter((candidate) => unindexed[candidate.index](values));
  }
  if (prepared.hitPolicy === 'first') {
    const row = prepared.rows.find((candidate) => candidate.matches(values));
    return row ? [row] : [];
  }
  return prepared.rows.filter((candidate) => candidate.matches(values));
}

const plain = (value: InputValue) => (typeof value === 'number' || Decimal.isDecimal(value) ? String(value) : value);

/** The adjustments' total in bp: whole bp (the usual case) add exactly as numbers, any fraction as decimals. */
function sumOfBp(adjustments: readonly RateAdjustment[]): number {
  let total = 0;
  for (const adjustment of adjustments) {
    if (!Number.isInteger(adjustment.bp)) return adjustments.reduce((sum, each) => sum.plus(each.bp), new Decimal(0)).toNumber();
    total += adjustment.bp; // |bp| ≤ 10,000 and at most 5,000 rows: far inside the exact integer range
  }
  return total;
}

/** Each input's value by input id, as the trace shows it. */
function inputFacts(prepared: PreparedPricingTable, values: readonly InputValue[]): Record<string, InputValue> {
  const facts: Record<string, InputValue> = {};
  for (let i = 0; i < prepared.inputs.length; i++) {
    const id = prepared.inputs[i].id;
    // An own property even for an id the schema forbids, as Object.fromEntries would make it.
    if (id === '__proto__') Object.defineProperty(facts, id, { value: plain(values[i]), enumerable: true, writable: true, configurable: true });
    else facts[id] = plain(values[i]);
  }
  return facts;
}

/** Computes every input once, finds the matching rows and returns their adjustments (or the default). */
export function evaluatePricingTable(prepared: PreparedPricingTable, application: Record<string, unknown>): BlockResult {
  const values = prepared.inputs.map((input) => input.evaluate(application));
  const hits = matchingRows(prepared, values);
  const adjustments: RateAdjustment[] = hits.length ? hits.map((row) => row.adjustment) : prepared.defaultAdjustment ? [prepared.defaultAdjustment] : [];
  const totalBp = sumOfBp(adjustments);
  return {
    kind: 'contribute',
    contribution: { rateAdjustments: adjustments },
    facts: {
      inputs: inputFacts(prepared, values),
      hits: hits.map((row) => row.rowId),
      defaultUsed: hits.length === 0,
      totalBp,
    },
  };
}
