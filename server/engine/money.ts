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

/** Rounds a value to a multiple of `unit` with the given mode (e.g. limits rounded DOWN to 1000). */
export function roundTo(value: DecimalValue, rounding: Rounding = DEFAULT_ROUNDING): Decimal {
  const unit = new Decimal(rounding.unit);
  return new Decimal(value).div(unit).toDecimalPlaces(0, MODES[rounding.mode]).mul(unit);
}

/** Money as the channel API carries it: a decimal string with exactly two decimals. */
export const moneyString = (value: DecimalValue): string => new Decimal(value).toFixed(2);

/** A rate or percentage string with a fixed number of decimals (APR: 4). */
export const percentString = (value: DecimalValue, places = 4): string =>
  new Decimal(value).toFixed(places, DecimalBase.ROUND_HALF_UP);

/** True when `value` parses as a finite decimal number (string or number input). */
export function isDecimalLike(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string' || value.length > 64) return false;
  return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value);
}
