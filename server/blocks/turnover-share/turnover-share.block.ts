import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { numberAt } from '../shared/fields.ts';
import { fixedCap, fixedCapStaticFacts, fixedCapTrace, withFixedCap } from '../shared/fixed-cap.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { TurnoverShareConfig } from '../config-types.generated.ts';

/** Where the turnover comes from (the schema's enum). */
export type TurnoverSource = TurnoverShareConfig['source'];

interface TurnoverSharePrepared {
  path: string[];
  share: Decimal;
  config: TurnoverShareConfig;
  cap?: LimitCap;
}

/** Where each source lives in the application, and how it is called. */
const SOURCES: Record<TurnoverSource, { path: string; label: LocalizedText }> = {
  'tobacco-orders-12m': { path: 'business.tobacco.orders12m', label: text('近12个月卷烟订货额', 'cigarette orders, last 12 months') },
  'tobacco-orders-6m': { path: 'business.tobacco.orders6m', label: text('近6个月卷烟订货额', 'cigarette orders, last 6 months') },
  'settled-turnover-12m': { path: 'business.settledTurnover12m', label: text('近12个月结算流水', 'settled turnover, last 12 months') },
  'annual-turnover': { path: 'business.annualTurnover', label: text('年营业额', 'annual turnover') },
};
const EXISTING_LOANS_PATH = 'business.tobacco.existingTobaccoLoans';

/** 流水/订货额占比 / Turnover share: tobacco and merchant loans sized on orders or settled turnover. */
export const turnoverShareBlock = defineBlockType<TurnoverShareConfig, TurnoverSharePrepared>({
  type: 'turnover-share',
  version: 1,
  title: text('流水/订货额占比', 'Turnover share'),
  description: text(
    '额度不超过卷烟订货额或经营流水的一定比例（如烟草贷：近12个月订货额 × 50% − 已有烟草贷款；商户贷：结算流水 × 20%）。',
    'Caps the limit at a share of cigarette orders or business turnover (tobacco: 50 % of 12-month orders minus existing tobacco loans; merchants: 20 % of settled turnover).',
  ),
  category: 'limit',
  icon: '📈',
  keywords: ['流水', '订货额', '烟草', '营业额', '商户', 'turnover', 'tobacco', 'orders', 'merchant', 'sales'],
  defaults: { source: 'tobacco-orders-12m', sharePercent: 50, subtractExistingTobaccoLoans: true },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const source = SOURCES[config.source];
    const reads: FieldRead[] = [{ path: source.path, required: true }];
    if (config.subtractExistingTobaccoLoans) reads.push({ path: EXISTING_LOANS_PATH, required: false }); // missing = none
    const cap = fixedCap(config.cap);
    return {
      prepared: { path: source.path.split('.'), share: new Decimal(String(config.sharePercent)).div(100), config, cap },
      diagnostics: [],
      reads,
      facts: fixedCapStaticFacts(cap),
    };
  },
  evaluate(prepared, input) {
    const { config } = prepared;
    const turnover = numberAt(input.application, prepared.path);
    const existing = config.subtractExistingTobaccoLoans ? (numberAt(input.application, EXISTING_LOANS_PATH.split('.')) ?? new Decimal(0)) : new Decimal(0);
    const share = (turnover ?? new Decimal(0)).mul(prepared.share);
    const amount = moneyDown(Decimal.max(0, share.minus(existing)));
    const label = SOURCES[config.source].label;
    const turnoverText = turnover === null ? '—' : moneyString(turnover);
    const minus = config.subtractExistingTobaccoLoans ? [` − 已有烟草贷款 ${moneyString(existing)} 元`, ` − existing tobacco loans ${moneyString(existing)}`] : ['', ''];
    const caps: LimitCap[] = [
      {
        amount,
        code: 'TURNOVER_SHARE',
        label: text(`${label['zh-CN']} ${turnoverText} 元 × ${config.sharePercent}%${minus[0]}`, `${label.en} ${turnoverText} × ${config.sharePercent}%${minus[1]}`),
      },
    ];
    return {
      kind: 'contribute',
      contribution: { limitCaps: withFixedCap(caps, prepared.cap) },
      facts: {
        source: config.source,
        turnover: turnover === null ? null : moneyString(turnover),
        sharePercent: config.sharePercent,
        shareAmount: moneyString(share),
        ...(config.subtractExistingTobaccoLoans ? { existingTobaccoLoans: moneyString(existing) } : {}),
        turnoverCap: amount,
        ...fixedCapTrace(prepared.cap),
      },
    };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const label = SOURCES[config.source].label[zh ? 'zh-CN' : 'en'];
    const minus = config.subtractExistingTobaccoLoans ? (zh ? ' − 已有烟草贷款' : ' − tobacco loans') : '';
    return `${label} × ${config.sharePercent}%${minus}`;
  },
});
