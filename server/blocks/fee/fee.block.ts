import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal } from '../../engine/money.ts';
import type { FeeSpec } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { FeeConfig } from '../config-types.generated.ts';

/** Fees the loan-math schedule can charge for each timing (server/engine/loan-math/fees.ts). */
const BASES_BY_TIMING: Record<FeeSpec['timing'], FeeSpec['basis'][]> = {
  upfront: ['flat', 'percent-of-principal'],
  periodic: ['flat', 'percent-of-principal', 'annual-percent-of-principal', 'percent-of-installment'],
};

const BASIS_LABEL: Record<FeeSpec['basis'], [string, string]> = {
  flat: ['固定金额', 'a flat amount'],
  'percent-of-principal': ['本金百分比', 'a percent of principal'],
  'annual-percent-of-principal': ['本金年化百分比', 'an annual percent of principal'],
  'percent-of-installment': ['每期还款额百分比', 'a percent of each installment'],
};

/** Checks one fee; pointers are relative to the block config. */
function checkFee(fee: FeeSpec, at: string): BlockDiagnostic[] {
  const found: BlockDiagnostic[] = [];
  const invalid = (pointer: string, zh: string, en: string) => found.push({ code: 'CONFIG_INVALID', severity: 'error', pointer: `${at}${pointer}`, message: text(zh, en) });
  if (!BASES_BY_TIMING[fee.timing].includes(fee.basis)) {
    const [zh, en] = BASIS_LABEL[fee.basis];
    invalid('/basis', `一次性收取的费用不能按${zh}计算`, `An upfront fee cannot be ${en}`);
  }
  if (fee.deducted && fee.timing !== 'upfront') invalid('/deducted', '只有一次性费用可以从放款金额中扣除', 'Only an upfront fee can be deducted from the disbursement');
  const value = new Decimal(fee.value);
  if (fee.basis === 'flat' && value.decimalPlaces() > 2) invalid('/value', `金额 ${fee.value} 最多两位小数`, `Amount ${fee.value} has more than 2 decimals`);
  if (fee.basis !== 'flat' && value.gt(100)) invalid('/value', `费率 ${fee.value}% 超过 100%`, `Fee rate ${fee.value} % is above 100 %`);
  if (fee.refundableShare !== undefined && new Decimal(fee.refundableShare).gt(100))
    invalid('/refundableShare', `退还比例 ${fee.refundableShare}% 超过 100%`, `Refundable share ${fee.refundableShare} % is above 100 %`);
  return found;
}

/** 费用: fees the borrower pays, counted in the APR unless marked otherwise (PBOC 2021 No. 3). */
export const feeBlock = defineBlockType<FeeConfig, FeeConfig>({
  type: 'fee',
  version: 1,
  title: text('费用', 'Fees'),
  description: text('借款人承担的担保费、服务费、手续费等；默认计入年化利率。', 'Guarantee, service or handling fees the borrower pays; counted in the APR by default.'),
  category: 'fee',
  icon: '¥',
  keywords: ['担保费', '服务费', '手续费', 'guarantee fee', 'service fee', 'handling fee', '农担', 'APR'],
  defaults: {
    fees: [
      { code: 'GUARANTEE_FEE', label: text('农担担保费', 'Agricultural guarantee fee'), timing: 'periodic', basis: 'annual-percent-of-principal', value: '0.8', inApr: true, refundableShare: '50' },
    ],
  },
  role: 'contributor',
  provides: ['fee'],

  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const duplicate = duplicateCheck((code) => text(`费用代码 ${code} 重复`, `Fee code ${code} appears twice`));
    config.fees.forEach((fee, index) => {
      diagnostics.push(...checkFee(fee, `/fees/${index}`));
      diagnostics.push(...duplicate(fee.code, `/fees/${index}/code`));
    });
    // inApr is spelled out so the APR computation and the channel display never guess the default.
    const fees = config.fees.map((fee) => ({ ...fee, inApr: fee.inApr ?? true }));
    return { diagnostics, reads: [], facts: { fees }, prepared: { fees } };
  },

  evaluate(prepared) {
    return { kind: 'contribute', contribution: { fees: prepared.fees }, facts: { feeCodes: prepared.fees.map((fee) => fee.code) } };
  },

  summarize(config, locale) {
    return config.fees
      .map((fee) => {
        const name = fee.label[locale];
        const amount =
          fee.basis === 'flat'
            ? locale === 'zh-CN'
              ? `${fee.value} 元`
              : `CNY ${fee.value}`
            : `${fee.value}%${fee.basis === 'annual-percent-of-principal' ? (locale === 'zh-CN' ? '/年' : '/yr') : ''}`;
        return `${name} ${amount}`;
      })
      .join(locale === 'zh-CN' ? '；' : '; ');
  },
});
