import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { numberIn, objectIn } from '../shared/fields.ts';
import { moneyDown } from '../shared/money-down.ts';
import { fixedCapTrace, withFixedCap } from '../shared/fixed-cap.ts';
import type { CropAreaQuotaConfig } from '../config-types.generated.ts';

/** What evaluate needs, built once: quotas by crop as Decimals. */
export interface CropAreaQuotaPrepared {
  perMu: Map<string, Decimal>;
  requireInsurance: boolean;
  revenueShare?: { percent: number; share: Decimal };
  cap?: LimitCap;
}

/** A crop the quota knows (the schema's enum). */
export type Crop = CropAreaQuotaConfig['quotas'][number]['crop'];

/** Crops as the application schema names them. */
export const CROP_LABELS: Record<Crop, LocalizedText> = {
  ginger: text('小黄姜', 'Ginger'),
  'tobacco-leaf': text('烤烟', 'Tobacco leaf'),
  rapeseed: text('油菜', 'Rapeseed'),
  maize: text('玉米', 'Maize'),
  rice: text('水稻', 'Rice'),
  wheat: text('小麦', 'Wheat'),
  potato: text('马铃薯', 'Potato'),
  soybean: text('大豆', 'Soybean'),
  peanut: text('花生', 'Peanut'),
  tea: text('茶叶', 'Tea'),
  vegetables: text('蔬菜', 'Vegetables'),
  citrus: text('柑橘', 'Citrus'),
  konjac: text('魔芋', 'Konjac'),
};

const ZERO = new Decimal(0);

const area = (value: Decimal | null): string | null => (value === null ? null : value.toString());

/**
 * Verified area of one crop: the declared area, no more than the land the farmer holds (own
 * contracted + transferred-in) and no more than what the policy insures. A missing declared area
 * counts 0 (nothing was claimed); a missing insured area counts 0 when insurance is required.
 */
function verifiedArea(crop: Record<string, unknown>, requireInsurance: boolean) {
  const declared = numberIn(crop, 'declaredAreaMu');
  const own = numberIn(crop, 'ownAreaMu');
  const transferred = numberIn(crop, 'transferredAreaMu');
  const insured = numberIn(crop, 'insuredAreaMu');
  const held = (own ?? ZERO).plus(transferred ?? ZERO);
  let verified = Decimal.min(declared ?? ZERO, held);
  if (insured !== null) verified = Decimal.min(verified, insured);
  else if (requireInsurance) verified = ZERO;
  return { declared, own, transferred, insured, held, verified: Decimal.max(0, verified) };
}

/** The area cap, the optional revenue-share and fixed caps, and every crop's figures for the trace. */
export function cropAreaCaps(prepared: CropAreaQuotaPrepared, application: Record<string, unknown>): { caps: LimitCap[]; facts: Record<string, unknown> } {
  const farm = objectIn(application, 'farm');
  const crops = Array.isArray(farm.crops) ? (farm.crops as unknown[]) : [];
  let total = ZERO;
  const cropFacts = crops.map((entry) => {
    const crop = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const name = typeof crop.crop === 'string' ? crop.crop : null;
    const figures = verifiedArea(crop, prepared.requireInsurance);
    const perMu = name === null ? undefined : prepared.perMu.get(name);
    // A crop without a quota counts 0 but stays in the facts, so the account manager sees why.
    const amount = perMu === undefined ? ZERO : figures.verified.mul(perMu);
    total = total.plus(amount);
    return {
      crop: name,
      declaredAreaMu: area(figures.declared),
      ownAreaMu: area(figures.own),
      transferredAreaMu: area(figures.transferred),
      insuredAreaMu: area(figures.insured),
      verifiedAreaMu: figures.verified.toString(),
      perMu: perMu === undefined ? null : moneyString(perMu),
      amount: moneyString(amount),
    };
  });
  const areaCap = moneyDown(total);
  const caps: LimitCap[] = [{ amount: areaCap, code: 'CROP_AREA_QUOTA', label: text(`核实种植面积 × 每亩额度，合计 ${areaCap} 元`, `Verified crop area × per-mu quota, total ${areaCap}`) }];
  const facts: Record<string, unknown> = { crops: cropFacts, areaCap, cropsWithoutQuota: cropFacts.filter((crop) => crop.perMu === null).map((crop) => crop.crop) };

  if (prepared.revenueShare) {
    const revenue = numberIn(farm, 'expectedRevenue');
    const revenueCap = moneyDown((revenue ?? ZERO).mul(prepared.revenueShare.share));
    const revenueText = revenue === null ? '—' : moneyString(revenue);
    caps.push({
      amount: revenueCap,
      code: 'EXPECTED_REVENUE_SHARE',
      label: text(`预期销售收入 ${revenueText} 元 × ${prepared.revenueShare.percent}%`, `Expected revenue ${revenueText} × ${prepared.revenueShare.percent}%`),
    });
    Object.assign(facts, { expectedRevenue: revenue === null ? null : moneyString(revenue), revenueSharePercent: prepared.revenueShare.percent, revenueCap });
  }
  return { caps: withFixedCap(caps, prepared.cap), facts: { ...facts, ...fixedCapTrace(prepared.cap) } };
}
