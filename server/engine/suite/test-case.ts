import type { Decision, Offer } from '../decision.ts';
import { Decimal } from '../money.ts';
import type { LocalizedText } from '../text.ts';

/**
 * One case of a product's test suite (product-schemas/test-case.schema.json; the examples'
 * samples/*.json are written this way): an application and request, and what the product must
 * decide. Only what the author pinned is checked.
 */
export interface TestCase {
  id: string;
  title: LocalizedText;
  application: Record<string, unknown>;
  request: { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf?: string; channel?: string };
  expected?: {
    outcome?: Decision['outcome'];
    reasonCodes?: string[]; // compared as a set; absent: not checked
    offer?: Partial<Record<OfferField, string | number>>;
  };
  check?: string; // how the expected figures were worked out
}

/** The offer figures a case may pin, and where each is read in a decision's offer. */
export const OFFER_FIELDS = {
  limit: (offer: Offer) => offer.limit,
  rateAnnual: (offer: Offer) => offer.rate.annual,
  termMonths: (offer: Offer) => offer.termMonths,
  repaymentMethod: (offer: Offer) => offer.repaymentMethod,
  firstPayment: (offer: Offer) => offer.schedule.rows[0]?.payment, // principal + interest of the first row (periodic fees not included)
  totalInterest: (offer: Offer) => offer.schedule.totals.interest,
  aprSimple: (offer: Offer) => offer.apr.simple,
  aprCompound: (offer: Offer) => offer.apr.compound,
  borrowerRate: (offer: Offer) => offer.borrowerRate,
  subsidyAmount: (offer: Offer) => offer.subsidy?.amount,
  feesTotal: (offer: Offer) => offer.schedule.totals.fees,
} satisfies Record<string, (offer: Offer) => string | number | undefined>;
export type OfferField = keyof typeof OFFER_FIELDS;

/** One field where the decision differs from the case: `offer.limit`, `outcome`, `reasonCodes`… */
export interface FieldDifference {
  field: string;
  expected: unknown;
  actual: unknown;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Whether an engine figure matches the pinned one. Money and rates are compared at the precision
 * the case states: "3.45" matches "3.4500", and an APR pinned to 2 decimals is compared after
 * rounding the engine's 4-decimal figure half-up to 2 (the golden examples' rule).
 */
export function figureMatches(actual: string | number | undefined, expected: string | number): boolean {
  if (typeof expected === 'number' || !DECIMAL.test(expected)) return actual === expected;
  if (actual === undefined || !DECIMAL.test(String(actual))) return false;
  const places = expected.split('.')[1]?.length ?? 0;
  return new Decimal(actual).toDecimalPlaces(Math.max(places, 2), Decimal.ROUND_HALF_UP).eq(expected);
}

/** Every pinned field the decision does not meet, in the order outcome, reason codes, offer fields. */
export function differencesOf(testCase: TestCase, decision: Decision): FieldDifference[] {
  const expected = testCase.expected ?? {};
  const found: FieldDifference[] = [];
  if (expected.outcome !== undefined && decision.outcome !== expected.outcome) found.push({ field: 'outcome', expected: expected.outcome, actual: decision.outcome });
  if (expected.reasonCodes) {
    const actual = [...new Set(decision.reasons.map((reason) => reason.code))].sort();
    const wanted = [...new Set(expected.reasonCodes)].sort();
    if (actual.join('\n') !== wanted.join('\n')) found.push({ field: 'reasonCodes', expected: wanted, actual });
  }
  for (const [name, value] of Object.entries(expected.offer ?? {})) {
    const read = Object.hasOwn(OFFER_FIELDS, name) ? OFFER_FIELDS[name as OfferField] : undefined;
    const actual = read && decision.offer ? read(decision.offer) : undefined;
    if (value === undefined) continue;
    if (read === undefined) found.push({ field: `offer.${name}`, expected: value, actual: 'not an offer figure' });
    else if (!figureMatches(actual, value)) found.push({ field: `offer.${name}`, expected: value, actual: actual ?? null });
  }
  return found;
}
