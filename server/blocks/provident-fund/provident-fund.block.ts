import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { numberAt } from '../shared/fields.ts';
import { fixedCap, fixedCapStaticFacts, fixedCapTrace, withFixedCap } from '../shared/fixed-cap.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { ProvidentFundConfig } from '../config-types.generated.ts';

interface ProvidentFundPrepared {
  config: ProvidentFundConfig;
  multiplier: Decimal;
  minContribution: Decimal;
  cap?: LimitCap;
}

/** 公积金公式 / Provident-fund formula (PSBC 公积金信用消费贷): contributions prove stable employment and income. */
export const providentFundBlock = defineBlockType<ProvidentFundConfig, ProvidentFundPrepared>({
  type: 'provident-fund',
  version: 1,
  title: text('公积金公式', 'Provident-fund formula'),
  description: text(
    '额度 =（倍数 × 个人月缴存额 − 其他月还款额）× 月数，如（8 × 月缴存 − 月还款）× 30；月缴存额或连续缴存月数不足时额度为 0。',
    'Limit = (multiplier × personal monthly contribution − other monthly debt payments) × months, e.g. (8 × contribution − debts) × 30; below the minimum contribution or consecutive months the cap is 0.',
  ),
  category: 'limit',
  icon: '🏦',
  keywords: ['公积金', '缴存', '公积金贷', 'provident fund', 'housing fund', 'contribution'],
  defaults: { multiplier: 8, months: 30, minContribution: '500', minConsecutiveMonths: 12, cap: '300000' },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const reads: FieldRead[] = [
      { path: 'applicant.providentFund.monthlyContribution', required: true },
      { path: 'applicant.providentFund.consecutiveMonths', required: config.minConsecutiveMonths > 0 },
      { path: 'applicant.monthlyDebtPayments', required: false }, // missing = no other debts
    ];
    const cap = fixedCap(config.cap);
    return {
      prepared: { config, multiplier: new Decimal(String(config.multiplier)), minContribution: new Decimal(config.minContribution), cap },
      diagnostics: [],
      reads,
      facts: fixedCapStaticFacts(cap),
    };
  },
  evaluate(prepared, input) {
    const { config } = prepared;
    const contribution = numberAt(input.application, ['applicant', 'providentFund', 'monthlyContribution']);
    const consecutive = numberAt(input.application, ['applicant', 'providentFund', 'consecutiveMonths']);
    const debts = numberAt(input.application, ['applicant', 'monthlyDebtPayments']) ?? new Decimal(0);
    const contributionText = contribution === null ? '—' : moneyString(contribution);
    const facts: Record<string, unknown> = {
      monthlyContribution: contribution === null ? null : moneyString(contribution),
      consecutiveMonths: consecutive === null ? null : consecutive.toNumber(),
      monthlyDebtPayments: moneyString(debts),
    };
    let cap: LimitCap;
    if (contribution === null || contribution.lt(prepared.minContribution)) {
      cap = {
        amount: '0.00',
        code: 'PROVIDENT_CONTRIBUTION_TOO_LOW',
        label: text(`公积金月缴存额 ${contributionText} 元，低于 ${config.minContribution} 元`, `Monthly provident-fund contribution ${contributionText} is below ${config.minContribution}`),
      };
    } else if ((consecutive ?? new Decimal(0)).lt(config.minConsecutiveMonths)) {
      const months = consecutive === null ? '—' : consecutive.toString();
      cap = {
        amount: '0.00',
        code: 'PROVIDENT_MONTHS_TOO_FEW',
        label: text(`公积金连续缴存 ${months} 个月，少于 ${config.minConsecutiveMonths} 个月`, `Provident fund paid for ${months} consecutive months, fewer than ${config.minConsecutiveMonths}`),
      };
    } else {
      const monthlyRoom = Decimal.max(0, contribution.mul(prepared.multiplier).minus(debts));
      const amount = moneyDown(monthlyRoom.mul(config.months));
      facts.monthlyRoom = moneyString(monthlyRoom);
      cap = {
        amount,
        code: 'PROVIDENT_FUND_FORMULA',
        label: text(
          `（${config.multiplier} × 月缴存 ${contributionText} 元 − 月还款 ${moneyString(debts)} 元）× ${config.months}`,
          `(${config.multiplier} × contribution ${contributionText} − debt payments ${moneyString(debts)}) × ${config.months}`,
        ),
      };
    }
    facts.providentCap = cap.amount;
    Object.assign(facts, fixedCapTrace(prepared.cap));
    return { kind: 'contribute', contribution: { limitCaps: withFixedCap([cap], prepared.cap) }, facts };
  },
  summarize(config, locale) {
    return locale === 'zh-CN' ? `（${config.multiplier} × 月缴存 − 月还款）× ${config.months}` : `(${config.multiplier} × contribution − debts) × ${config.months}`;
  },
});
