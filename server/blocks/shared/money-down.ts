import { moneyString, roundTo, type DecimalValue } from '../../engine/money.ts';

const DOWN_TO_CENT = { mode: 'DOWN', unit: '0.01' } as const;

/**
 * A computed cap or uplift as money text ("12345.67"), rounded down to the cent: a limit formula
 * never gives the applicant a cent more than the rule allows (rounding half-up could).
 */
export const moneyDown = (value: DecimalValue): string => moneyString(roundTo(value, DOWN_TO_CENT));
