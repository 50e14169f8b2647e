import DecimalBase from 'decimal.js';

/**
 * The one Decimal constructor for money and rates. 40 significant digits is far beyond any
 * loan amount × rate product, so intermediate results never lose a cent before we round.
 */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;
/** What a Decimal can be made from: a decimal string, a number or another Decimal. */
export type DecimalValue = DecimalBase.Value;

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP';

/** How money is rounded: mode and unit (0.01 = cents, 1 = whole yuan, 1000 for limits). */
export interface Rounding {
  mode: RoundingMode; // HALF_UP is the default for Chinese bank schedules
  unit: string; // a decimal string: "0.01", "1", "100", "1000"
}

export const DEFAULT_ROUNDING: Rounding = { mode: 'HALF_UP', unit: '0.01' };

const MODES: Record<RoundingMode, DecimalBase.Rounding> = {
  HALF_UP: DecimalBase.ROUND_HALF_UP,
  HALF_EVEN: DecimalBase.ROUND_HALF_EVEN,
  DOWN: DecimalBase.ROUND_DOWN,
  UP: DecimalBase.ROUND_UP,
};

const constants = new Map<string | number, Decimal>();
const CONSTANTS_KEPT = 1024; // a product's config has a few dozen amounts, rates and units

/**
 * The Decimal of a value that recurs across decisions (a product's amounts, rates, rounding units,
 * basis points), parsed once and shared. Decimals are immutable, so sharing one is safe; values
 * that differ per application should not come here (they would only churn the table).
 */
export function decimalConstant(value: string | number): Decimal {
  if (value === 0) return new Decimal(value); // 0 and −0 share a map key but not a sign
  let decimal = constants.get(value);
  if (decimal === undefined) {
    decimal = new Decimal(value);
    if (constants.size >= CONSTANTS_KEPT) constants.clear();
    constants.set(value, decimal);
  }
  return decimal;
}

/** `value` as a Decimal of this module's constructor: itself when it is one already (Decimals are immutable). */
const asDecimal = (value: DecimalValue): Decimal => (typeof value === 'object' && value !== null && (value as Decimal).constructor === Decimal ? (value as Decimal) : new Decimal(value));

/** Rounds a value to a multiple of `unit` with the given mode (e.g. limits rounded DOWN to 1000). */
export function roundTo(value: DecimalValue, rounding: Rounding = DEFAULT_ROUNDING): Decimal {
  const unit = decimalConstant(rounding.unit);
  return asDecimal(value).div(unit).toDecimalPlaces(0, MODES[rounding.mode]).mul(unit);
}

/** Money as the channel API carries it: a decimal string with exactly two decimals. */
export const moneyString = (value: DecimalValue): string => asDecimal(value).toFixed(2);

/** A rate or percentage string with a fixed number of decimals (APR: 4). */
export const percentString = (value: DecimalValue, places = 4): string => new Decimal(value).toFixed(places, DecimalBase.ROUND_HALF_UP);

/** True when `value` parses as a finite decimal number (string or number input). */
export function isDecimalLike(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string' || value.length > 64) return false;
  return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value);
}
