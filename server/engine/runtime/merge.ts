import type { Contribution } from '../offer-parts.ts';
import { Decimal } from '../money.ts';

/** Adds one block's contribution to the offer built so far (lists append, single values: last wins). */
export function mergeContribution(into: Contribution, add: Contribution): Contribution {
  return {
    limitCaps: add.limitCaps ? [...(into.limitCaps ?? []), ...add.limitCaps] : into.limitCaps,
    limitUplifts: add.limitUplifts ? [...(into.limitUplifts ?? []), ...add.limitUplifts] : into.limitUplifts,
    limitStep: add.limitStep ?? into.limitStep,
    limitFloor: add.limitFloor ?? into.limitFloor,
    baseRate: add.baseRate ?? into.baseRate,
    rateAdjustments: add.rateAdjustments ? [...(into.rateAdjustments ?? []), ...add.rateAdjustments] : into.rateAdjustments,
    rateBounds: add.rateBounds ? mergeBounds(into.rateBounds, add.rateBounds) : into.rateBounds,
    fees: add.fees ? [...(into.fees ?? []), ...add.fees] : into.fees,
    subsidy: add.subsidy ?? into.subsidy,
    repayment: add.repayment ?? into.repayment,
  };
}

/** The tightest bounds win: the highest floor and the lowest ceiling on the path. */
function mergeBounds(a: Contribution['rateBounds'], b: NonNullable<Contribution['rateBounds']>): Contribution['rateBounds'] {
  if (!a) return b;
  const floor = pick(a.floor, b.floor, (x, y) => new Decimal(x).gte(y));
  const ceiling = pick(a.ceiling, b.ceiling, (x, y) => new Decimal(x).lte(y));
  return { ...(floor !== undefined ? { floor } : {}), ...(ceiling !== undefined ? { ceiling } : {}) };
}

const pick = (a: string | undefined, b: string | undefined, firstWins: (x: string, y: string) => boolean): string | undefined => (a === undefined ? b : b === undefined ? a : firstWins(a, b) ? a : b);
