import type { Decimal } from '../../engine/money.ts';
import type { RateAdjustment } from '../../engine/offer-parts.ts';
import type { PricingTableConfig } from '../config-types.generated.ts';

export type { PricingTableConfig };

// The parts of the config, named for the code that handles them; each is the schema's own type
// (config-types.generated.ts), so a change in the schema reaches them.

/** A column of the table: a named value computed once per application (numbers take bands; text takes equals / one-of; yes/no takes equals). */
export type TableInput = PricingTableConfig['inputs'][number];

/** One row: all its conditions must hold; a row without conditions always matches. */
export type TableRow = PricingTableConfig['rows'][number];

/** A condition on one input: a band, one of a list, or equals. */
export type TableCondition = TableRow['when'][string];

/** A numeric band: min inclusive, max exclusive; either side may be open. */
export type BandCondition = Exclude<TableCondition, { in: unknown } | { equals: unknown }>;

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
