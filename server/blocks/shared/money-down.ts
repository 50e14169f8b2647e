import { Decimal, moneyString, roundTo, type DecimalValue } from '../../engine/money.ts';

const DOWN_TO_CENT = { mode: 'DOWN', unit: '0.01' } as const;

/**
 * A computed cap or uplift as money text ("12345.67"), rounded down to the cent: a limit formula
 * never gives the applicant a cent more than the rule allows (rounding half-up could).
 */
export function moneyDown(value: DecimalValue): string {
  const decimal = value instanceof Decimal && value.constructor === Decimal ? value : new Decimal(value);
  // Already whole cents (income × multiple, most formulas): rounding gives it back unchanged, since
  // ÷ 0.01 and × 0.01 are exact for up to 40 significant digits (the precision of money.ts).
  if (decimal.isFinite() && decimal.decimalPlaces() <= 2 && decimal.precision() <= 38) return decimal.toFixed(2);
  return moneyString(roundTo(decimal, DOWN_TO_CENT));
}
