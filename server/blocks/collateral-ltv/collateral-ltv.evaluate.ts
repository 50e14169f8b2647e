import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { numberIn, objectIn } from '../shared/fields.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { CollateralLtvConfig } from '../config-types.generated.ts';

/** What evaluate needs: LTVs as fractions and the fixed cap, built once. */
export interface CollateralLtvPrepared {
  ltvByType: Map<string, { percent: number; share: Decimal }>;
  maxBuildingAgeYears?: number;
  cap?: LimitCap;
}

/** A property type with an LTV (the schema's property names). */
export type PropertyType = keyof CollateralLtvConfig['ltvPercentByType'];

/** Property types as the application schema names them. */
export const PROPERTY_TYPE_LABELS: Record<PropertyType, LocalizedText> = {
  residential: text('住宅', 'Residential'),
  villa: text('别墅', 'Villa'),
  shop: text('商铺', 'Shop'),
  office: text('写字楼', 'Office'),
};

/**
 * The collateral cap and the figures behind it. A property the product does not take (type without
 * an LTV, building too old or of unknown age) gets a cap of 0 with a code saying why, so the runtime
 * declines with LIMIT_BELOW_MINIMUM and the trace names the cause.
 */
export function collateralCap(prepared: CollateralLtvPrepared, application: Record<string, unknown>): { cap: LimitCap; facts: Record<string, unknown> } {
  const collateral = objectIn(application, 'collateral');
  const type = typeof collateral.propertyType === 'string' ? collateral.propertyType : null;
  const appraisal = numberIn(collateral, 'appraisalValue');
  const avm = numberIn(collateral, 'automatedValuation');
  const liens = numberIn(collateral, 'existingLiens') ?? new Decimal(0);
  const buildingAge = typeof collateral.buildingAgeYears === 'number' ? collateral.buildingAgeYears : null;
  const facts: Record<string, unknown> = {
    propertyType: type,
    appraisalValue: appraisal === null ? null : moneyString(appraisal),
    automatedValuation: avm === null ? null : moneyString(avm),
    existingLiens: moneyString(liens),
    buildingAgeYears: buildingAge,
  };
  const zero = (code: string, label: LocalizedText) => ({ cap: { amount: '0.00', code, label }, facts: { ...facts, collateralCap: '0.00' } });

  const ltv = type === null ? undefined : prepared.ltvByType.get(type);
  if (!ltv) {
    return zero('COLLATERAL_TYPE_NOT_ACCEPTED', text(`不接受该类房产抵押（${type ?? '未填写'}）`, `This property type is not accepted (${type ?? 'none given'})`));
  }
  const maxAge = prepared.maxBuildingAgeYears;
  if (maxAge !== undefined && buildingAge === null) {
    return zero('COLLATERAL_BUILDING_AGE_UNKNOWN', text(`房龄未知，无法确认不超过 ${maxAge} 年`, `Building age unknown; it must be at most ${maxAge} years`));
  }
  if (maxAge !== undefined && buildingAge !== null && buildingAge > maxAge) {
    return zero('COLLATERAL_BUILDING_TOO_OLD', text(`房龄 ${buildingAge} 年，超过上限 ${maxAge} 年`, `Building age ${buildingAge} years is above the maximum of ${maxAge}`));
  }
  // The lower of the two valuations protects against an optimistic appraisal (and vice versa).
  const valuation = appraisal === null ? new Decimal(0) : avm === null ? appraisal : Decimal.min(appraisal, avm);
  const netValue = Decimal.max(0, valuation.minus(liens));
  const amount = moneyDown(netValue.mul(ltv.share));
  const typeLabel = PROPERTY_TYPE_LABELS[type as PropertyType];
  return {
    cap: {
      amount,
      code: 'COLLATERAL_LTV',
      label: text(
        `抵押物净值 ${moneyString(netValue)} 元 × ${typeLabel['zh-CN']}抵押率 ${ltv.percent}%`,
        `Collateral net value ${moneyString(netValue)} × ${typeLabel.en.toLowerCase()} LTV ${ltv.percent}%`,
      ),
    },
    facts: { ...facts, valuationUsed: moneyString(valuation), netValue: moneyString(netValue), ltvPercent: ltv.percent, collateralCap: amount },
  };
}
