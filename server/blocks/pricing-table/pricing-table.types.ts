import type { Decimal } from '../../engine/money.ts';
import type { RateAdjustment } from '../../engine/offer-parts.ts';
import type { LocalizedText } from '../../engine/text.ts';

/** A column of the table: a named value computed once per application. */
export interface TableInput {
  id: string; // letters, digits, underscore; used as the key in row conditions and as the CSV column name
  label: LocalizedText; // column header, e.g. 内部评分 / Internal score
  expression: string; // e.g. "applicant.score"
  type: 'number' | 'string' | 'boolean'; // numbers take bands; text takes equals / one-of; yes/no takes equals
}

/** A numeric band: min inclusive, max exclusive; either side may be open. */
export interface BandCondition {
  min?: number;
  max?: number;
}

/** A condition on one input. */
export type TableCondition = BandCondition | { in: string[] } | { equals: string | boolean };

/** One row: all its conditions must hold; a row without conditions always matches. */
export interface TableRow {
  id?: string; // optional stable id, shown in the trace
  when: Record<string, TableCondition>; // input id → condition
  adjustmentBp: number; // basis points added to the rate (negative = discount)
  label?: LocalizedText; // shown in the decision; defaults to "<table> (row n)"
}

/** Config of a pricing-table block (product-schemas/blocks/pricing-table.schema.json). */
export interface PricingTableConfig {
  code: string; // the adjustment code in the decision, e.g. "SCORE_PRICING"
  label: LocalizedText; // table name
  inputs: TableInput[];
  rows: TableRow[];
  hitPolicy: 'first' | 'collect'; // first matching row in table order, or the sum of every matching row
  defaultBp: number; // applies when no row matches (0 = no adjustment)
}

/**
 * A value of an input for one application; null when missing. A number input is a JS number when the
 * Decimal converts to one exactly (then comparing with the JSON-number band bounds is exact and fast),
 * otherwise the Decimal itself.
 */
export type InputValue = number | Decimal | string | boolean | null;

/** A prepared row: its matcher closes over Decimal bounds and Sets built at compile time. */
export interface PreparedRow {
  index: number; // position in the table
  rowId: string; // row id or "#<n>" (1-based)
  matches: (values: readonly InputValue[]) => boolean;
  adjustment: RateAdjustment; // built once
}

/** Sorted, non-overlapping bands of a single numeric input: the binary-search fast path. */
export interface BandIndex {
  input: number; // index of the input
  mins: number[]; // ascending; -Infinity = open below
  maxs: number[]; // same order; Infinity = open above
  rows: PreparedRow[]; // same order
}

/**
 * Rows narrowed by text and yes/no inputs (pricing-table.index.ts): at each level the value of
 * input `column` picks its list, or `other` (the rows without a condition on that input) when no
 * row names the value or it is missing. Leaves are rows in table order.
 */
export interface RowLevel {
  column: number; // index of the input
  byValue: Map<string | boolean, RowLevel | PreparedRow[]>;
  other: RowLevel | PreparedRow[];
}

/** The row index and, by row index, each row's matcher over the inputs the index does not decide. */
export interface RowIndex {
  root: RowLevel;
  unindexed: ((values: readonly InputValue[]) => boolean)[]; // every candidate already holds on the indexed inputs
}

/** What evaluate receives. */
export interface PreparedPricingTable {
  inputs: { id: string; type: TableInput['type']; evaluate: (application: unknown) => InputValue }[];
  rows: PreparedRow[]; // table order
  bands?: BandIndex; // present when every row is one band of one numeric input and bands do not overlap
  rowIndex?: RowIndex; // present when some text or yes/no input narrows the rows (and there are no bands)
  hitPolicy: 'first' | 'collect';
  defaultAdjustment?: RateAdjustment; // absent when defaultBp is 0
}
