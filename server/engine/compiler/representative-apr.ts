import type { FeeSpec, RepaymentTerms } from '../offer-parts.ts';
import type { ProductMeta } from '../product-meta.ts';
import { Decimal } from '../money.ts';
import { computeSchedule, toLoanMathFee } from '../loan-math/index.ts';

/**
 * The highest simple APR a path can produce: at its highest rate, for the smallest and largest
 * amount and the shortest and longest term of every method (flat fees weigh most on small, short
 * loans). Without fees the APR is the nominal rate.
 */
export function representativeApr(rate: Decimal, fees: FeeSpec[], terms: RepaymentTerms | undefined, meta: ProductMeta, limitMax?: Decimal): Decimal {
  const inApr = fees.filter((fee) => fee.inApr ?? true);
  if (!inApr.length || !terms || !terms.termsMonths.length) return rate;
  const principals = [new Decimal(meta.amount.min), limitMax ? Decimal.min(limitMax, meta.amount.max) : new Decimal(meta.amount.max)];
  const termChoices = [...new Set([terms.termsMonths[0], terms.termsMonths[terms.termsMonths.length - 1]])];
  let highest = rate;
  for (const method of terms.methods) {
    for (const termMonths of termChoices) {
      for (const principal of principals) {
        if (principal.lte(0)) continue;
        const schedule = computeSchedule({
          principal: principal.toFixed(2),
          annualRate: rate.toFixed(4),
          termMonths: terms.frequency === 'quarterly' ? Math.max(3, Math.ceil(termMonths / 3) * 3) : termMonths,
          method: method === 'revolving' ? 'interest-only' : method,
          frequency: terms.frequency,
          fees: inApr.map(toLoanMathFee),
        });
        highest = Decimal.max(highest, schedule.apr.simple);
      }
    }
  }
  return highest;
}
