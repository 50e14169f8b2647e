import type { ProductDisplay, RepresentativeExample } from '../product-definition.ts';
import type { ProductMeta } from '../product-meta.ts';
import type { FeeSpec } from '../offer-parts.ts';
import { Decimal } from '../money.ts';
import type { CompiledBlock } from './blocks-pass.ts';

/** What channels show (products.md C): amount range, terms, methods, the annualised-rate range and fees. */
export function buildDisplay(meta: ProductMeta, blocks: CompiledBlock[], example?: RepresentativeExample): ProductDisplay {
  const terms = new Set<number>();
  const methods = new Set<string>();
  const fees = new Map<string, FeeSpec>();
  let baseMin: Decimal | undefined, baseMax: Decimal | undefined;
  let adjMin = 0, adjMax = 0;
  let floor: Decimal | undefined, ceiling: Decimal | undefined;
  for (const { facts } of blocks) {
    for (const term of facts.repayment?.termsMonths ?? []) terms.add(term);
    for (const method of facts.repayment?.methods ?? []) methods.add(method);
    for (const fee of facts.fees ?? []) fees.set(fee.code, fee);
    if (facts.rateRange) {
      baseMin = baseMin ? Decimal.min(baseMin, facts.rateRange.min) : new Decimal(facts.rateRange.min);
      baseMax = baseMax ? Decimal.max(baseMax, facts.rateRange.max) : new Decimal(facts.rateRange.max);
    }
    if (facts.adjustmentBpRange) { adjMin = Math.min(adjMin, facts.adjustmentBpRange.min); adjMax = Math.max(adjMax, facts.adjustmentBpRange.max); }
    if (facts.rateFloor) floor = floor ? Decimal.min(floor, facts.rateFloor) : new Decimal(facts.rateFloor);
    if (facts.rateCeiling) ceiling = ceiling ? Decimal.max(ceiling, facts.rateCeiling) : new Decimal(facts.rateCeiling);
  }
  let min = (baseMin ?? new Decimal(0)).plus(new Decimal(adjMin).div(100));
  let max = (baseMax ?? new Decimal(0)).plus(new Decimal(adjMax).div(100));
  if (floor && min.lt(floor)) min = floor;
  if (ceiling && max.gt(ceiling)) max = ceiling;
  if (max.lt(min)) max = min;
  const range = min.eq(max) ? `${min.toFixed(2)}%` : `${min.toFixed(2)}%–${max.toFixed(2)}%`;
  return {
    name: meta.name,
    ...(meta.tagline ? { tagline: meta.tagline } : {}),
    currency: meta.currency,
    amount: meta.amount,
    termsMonths: [...terms].sort((a, b) => a - b),
    repaymentMethods: [...methods],
    rateRange: { min: min.toFixed(2), max: max.toFixed(2) },
    aprLabel: { 'zh-CN': `年化利率（单利）${range}`, en: `Annualised rate (simple) ${range}` },
    fees: [...fees.values()].map((fee) => ({ code: fee.code, label: fee.label })),
    ...(meta.lender ? { lender: meta.lender } : {}),
    ...(example ? { representativeExample: example } : {}),
  };
}
