import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { numberAt } from '../shared/fields.ts';
import { fixedCap, fixedCapStaticFacts, fixedCapTrace, withFixedCap } from '../shared/fixed-cap.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { DtiCapConfig } from '../config-types.generated.ts';

interface DtiCapPrepared {
  dtiShare: Decimal; // maxDtiPercent / 100
  annuityFactor: Decimal; // principal per 1 yuan of monthly payment at the assessment rate and term
  config: DtiCapConfig;
  cap?: LimitCap;
}

/**
 * Present value of 1 a month for n months at monthly rate r: (1 − (1 + r)^−n) / r, the inverse of
 * the equal-installment payment formula; at 0 % a payment repays exactly 1/n of the principal.
 */
function annuityFactor(annualPercent: Decimal, months: number): Decimal {
  const monthly = annualPercent.div(1200);
  if (monthly.isZero()) return new Decimal(months);
  return new Decimal(1).minus(monthly.plus(1).pow(-months)).div(monthly);
}

/** 负债收入比 / Debt-to-income cap: the principal the applicant's remaining DTI room can service. */
export const dtiCapBlock = defineBlockType<DtiCapConfig, DtiCapPrepared>({
  type: 'dti-cap',
  version: 1,
  title: text('负债收入比', 'Debt-to-income cap'),
  description: text(
    '月收入 × 负债收入比上限，减去现有月还款（其他贷款和房贷），剩下的月供按测算利率和期限（等额本息）折算成额度上限。',
    'Monthly income × the maximum DTI, minus existing monthly debt payments and mortgage, is the payment room; the cap is the equal-installment principal that room repays at the assessment rate and term.',
  ),
  category: 'limit',
  icon: '⚖',
  keywords: ['负债', '收入', '月供', 'DTI', 'debt', 'income', 'affordability', 'stress rate'],
  defaults: { maxDtiPercent: 50, assessmentRate: '6.00', assessmentTermMonths: 36 },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const rate = new Decimal(config.assessmentRate);
    if (rate.gt(36)) {
      // Above the 24 % red line plus margin, a "stress rate" is a typo (e.g. 600 for 6.00).
      diagnostics.push({
        code: 'CONFIG_INVALID',
        severity: 'error',
        pointer: '/assessmentRate',
        message: text(`测算利率 ${config.assessmentRate}% 过高（上限 36%）`, `Assessment rate ${config.assessmentRate}% is too high (at most 36%)`),
      });
    }
    const cap = fixedCap(config.cap);
    return {
      prepared: { dtiShare: new Decimal(String(config.maxDtiPercent)).div(100), annuityFactor: annuityFactor(rate, config.assessmentTermMonths), config, cap },
      diagnostics,
      reads: [
        { path: 'applicant.monthlyIncome', required: true },
        { path: 'applicant.monthlyDebtPayments', required: false }, // missing = no other debts
        { path: 'applicant.mortgageMonthlyPayment', required: false }, // missing = no mortgage
      ],
      facts: fixedCapStaticFacts(cap),
    };
  },
  evaluate(prepared, input) {
    const { application } = input;
    const income = numberAt(application, ['applicant', 'monthlyIncome']);
    const debts = numberAt(application, ['applicant', 'monthlyDebtPayments']) ?? new Decimal(0);
    const mortgage = numberAt(application, ['applicant', 'mortgageMonthlyPayment']) ?? new Decimal(0);
    const room = Decimal.max(0, (income ?? new Decimal(0)).mul(prepared.dtiShare).minus(debts).minus(mortgage));
    const amount = moneyDown(room.mul(prepared.annuityFactor));
    const { maxDtiPercent, assessmentRate, assessmentTermMonths } = prepared.config;
    const caps: LimitCap[] = [
      {
        amount,
        code: 'DTI_CAP',
        label: text(
          `可用月供 ${moneyString(room)} 元（负债收入比 ${maxDtiPercent}%），按 ${assessmentRate}% / ${assessmentTermMonths} 期等额本息折算`,
          `Payment room ${moneyString(room)} (DTI ${maxDtiPercent}%) at ${assessmentRate}% over ${assessmentTermMonths} months, equal instalments`,
        ),
      },
    ];
    return {
      kind: 'contribute',
      contribution: { limitCaps: withFixedCap(caps, prepared.cap) },
      facts: {
        monthlyIncome: income === null ? null : moneyString(income),
        monthlyDebtPayments: moneyString(debts),
        mortgageMonthlyPayment: moneyString(mortgage),
        maxDtiPercent,
        paymentRoom: moneyString(room),
        assessmentRate,
        assessmentTermMonths,
        dtiCap: amount,
        ...fixedCapTrace(prepared.cap),
      },
    };
  },
  summarize(config, locale) {
    return locale === 'zh-CN'
      ? `负债收入比 ≤ ${config.maxDtiPercent}%（${config.assessmentRate}% / ${config.assessmentTermMonths} 期）`
      : `DTI ≤ ${config.maxDtiPercent}% (${config.assessmentRate}% / ${config.assessmentTermMonths} mo)`;
  },
});
