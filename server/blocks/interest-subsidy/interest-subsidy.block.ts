import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal, percentString } from '../../engine/money.ts';
import type { Contribution, SubsidySpec } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import type { InterestSubsidyConfig } from '../config-types.generated.ts';

interface PreparedSubsidy {
  subsidy: SubsidySpec; // contributed as is
  sharePercent: Decimal; // the subsidy as a percent of the contract rate, before the maxShareOfRate limit
  maxShare?: Decimal; // maxShareOfRate, when set
}

/** The contract rate built so far on the path (base + adjustments, clamped), or undefined before a base rate. */
function rateSoFar(offer: Readonly<Contribution>): Decimal | undefined {
  if (!offer.baseRate) return undefined;
  let rate = new Decimal(offer.baseRate.annualRate);
  for (const adjustment of offer.rateAdjustments ?? []) rate = rate.plus(new Decimal(adjustment.bp).div(100));
  if (offer.rateBounds?.floor !== undefined) rate = Decimal.max(rate, offer.rateBounds.floor);
  if (offer.rateBounds?.ceiling !== undefined) rate = Decimal.min(rate, offer.rateBounds.ceiling);
  return rate;
}

/** 贴息: a third party pays part of the interest; the runtime applies it to the schedule. */
export const interestSubsidyBlock = defineBlockType<InterestSubsidyConfig, PreparedSubsidy>({
  type: 'interest-subsidy',
  version: 1,
  title: text('贴息', 'Interest subsidy'),
  description: text(
    '财政或地方贴息：按百分点或利息比例补贴，可设不超过合同利率的一定比例和每户上限。',
    'A treasury or provincial subsidy in percentage points or a share of interest, optionally limited to a share of the contract rate and a cap per borrower.',
  ),
  category: 'fee',
  icon: '🎁',
  keywords: ['贴息', '财政贴息', 'subsidy', 'interest subsidy', '消费贷贴息', '百分点'],
  defaults: {
    code: 'CONSUMER_LOAN_SUBSIDY',
    label: text('个人消费贷款财政贴息', 'Consumer loan interest subsidy'),
    kind: 'rate-points',
    value: '1',
    maxShareOfRate: '50',
    capAmount: '3000',
    settlement: 'deduct-at-billing',
  },
  role: 'contributor',
  provides: ['subsidy'],

  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const invalid = (pointer: string, zh: string, en: string) => diagnostics.push({ code: 'CONFIG_INVALID', severity: 'error', pointer, message: text(zh, en) });
    const value = new Decimal(config.value);
    if (value.lte(0)) invalid('/value', '贴息幅度必须大于 0', 'The subsidy must be above 0');
    if (config.kind === 'interest-share' && value.gt(100)) invalid('/value', `贴息比例 ${config.value}% 超过利息的 100%`, `A share of ${config.value} % is above 100 % of interest`);
    if (config.maxShareOfRate !== undefined && new Decimal(config.maxShareOfRate).gt(100))
      invalid('/maxShareOfRate', `比例 ${config.maxShareOfRate}% 超过 100%`, `Share ${config.maxShareOfRate} % is above 100 %`);
    if (config.capAmount !== undefined && new Decimal(config.capAmount).lte(0)) invalid('/capAmount', '贴息上限必须大于 0', 'The cap must be above 0');
    const prepared: PreparedSubsidy = {
      subsidy: { ...config },
      sharePercent: config.kind === 'interest-share' ? value : new Decimal(0),
      maxShare: config.maxShareOfRate === undefined ? undefined : new Decimal(config.maxShareOfRate),
    };
    return { diagnostics, reads: [], prepared };
  },

  evaluate(prepared, { offer }) {
    const facts: Record<string, unknown> = { kind: prepared.subsidy.kind, value: prepared.subsidy.value };
    const rate = rateSoFar(offer);
    if (rate) {
      // For the trace only: points at the rate built so far; the runtime applies the subsidy to the final rate.
      const wanted = prepared.subsidy.kind === 'rate-points' ? new Decimal(prepared.subsidy.value) : rate.mul(prepared.sharePercent).div(100);
      const points = prepared.maxShare ? Decimal.min(wanted, rate.mul(prepared.maxShare).div(100)) : wanted;
      const limited = Decimal.min(points, rate);
      facts.rateSoFar = percentString(rate);
      facts.subsidyPoints = percentString(limited);
      facts.borrowerRate = percentString(rate.minus(limited));
    }
    return { kind: 'contribute', contribution: { subsidy: prepared.subsidy }, facts };
  },

  summarize(config, locale) {
    const amount =
      config.kind === 'rate-points' ? (locale === 'zh-CN' ? `${config.value} 个百分点` : `${config.value} pp`) : locale === 'zh-CN' ? `利息的 ${config.value}%` : `${config.value} % of interest`;
    const cap = config.capAmount === undefined ? '' : locale === 'zh-CN' ? `，上限 ${config.capAmount} 元` : `, cap CNY ${config.capAmount}`;
    return `${amount}${cap}`;
  },
});
