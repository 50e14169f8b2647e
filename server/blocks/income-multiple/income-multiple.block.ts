import { defineBlockType } from '../../engine/block-type.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { numberAt } from '../shared/fields.ts';
import { fixedCap, fixedCapStaticFacts, fixedCapTrace, withFixedCap } from '../shared/fixed-cap.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { IncomeMultipleConfig } from '../config-types.generated.ts';

interface IncomeMultiplePrepared {
  multiple: Decimal;
  multipleText: string; // as the label and the trace write it
  incomePath: string[];
  cap?: LimitCap;
}

/** 收入倍数 / Income multiple: monthly income × multiple (白领贷 / 公职人员信用贷 income formula). */
export const incomeMultipleBlock = defineBlockType<IncomeMultipleConfig, IncomeMultiplePrepared>({
  type: 'income-multiple',
  version: 1,
  title: text('收入倍数', 'Income multiple'),
  description: text(
    '额度不超过月收入（税后）的若干倍，如公职人员 15 倍、一般客群 6 倍；可另设固定上限。',
    'Caps the limit at the monthly after-tax income times a multiple (e.g. 15× for civil servants, 6× for others), optionally also at a fixed amount.',
  ),
  category: 'limit',
  icon: '×',
  keywords: ['收入', '倍数', '月收入', '工资', 'income', 'salary', 'multiple'],
  defaults: { multiple: 10, incomeField: 'applicant.monthlyIncome' },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const cap = fixedCap(config.cap);
    const multiple = new Decimal(String(config.multiple));
    return {
      prepared: { multiple, multipleText: multiple.toString(), incomePath: config.incomeField.split('.'), cap },
      diagnostics: [],
      reads: [{ path: config.incomeField, required: true }],
      facts: fixedCapStaticFacts(cap),
    };
  },
  evaluate(prepared, input) {
    const income = numberAt(input.application, prepared.incomePath);
    // A missing income cannot support any limit: cap 0, and the runtime declines LIMIT_BELOW_MINIMUM.
    const amount = moneyDown((income ?? new Decimal(0)).mul(prepared.multiple));
    const incomeMoney = income === null ? null : moneyString(income);
    const incomeText = incomeMoney ?? '—';
    const caps: LimitCap[] = [
      {
        amount,
        code: 'INCOME_MULTIPLE',
        label: text(`月收入 ${incomeText} 元 × ${prepared.multipleText} 倍`, `Monthly income ${incomeText} × ${prepared.multipleText}`),
      },
    ];
    return {
      kind: 'contribute',
      contribution: { limitCaps: withFixedCap(caps, prepared.cap) },
      facts: { monthlyIncome: incomeMoney, multiple: prepared.multipleText, incomeCap: amount, ...fixedCapTrace(prepared.cap) },
    };
  },
  summarize(config, locale) {
    const base = locale === 'zh-CN' ? `月收入 × ${config.multiple}` : `income × ${config.multiple}`;
    if (config.cap === undefined) return base;
    return locale === 'zh-CN' ? `${base}，≤ ${config.cap} 元` : `${base}, ≤ CNY ${config.cap}`;
  },
});
