import { defineBlockType } from '../../engine/block-type.ts';
import type { FieldRead } from '../../engine/block-type.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { fixedCap, fixedCapStaticFacts, withFixedCap } from '../shared/fixed-cap.ts';
import { PROPERTY_TYPE_LABELS, collateralCap, type PropertyType, type CollateralLtvPrepared } from './collateral-ltv.evaluate.ts';
import type { CollateralLtvConfig } from '../config-types.generated.ts';

/** 抵押率 / Collateral LTV: house-collateral loans lend a share of the lower of appraisal and AVM. */
export const collateralLtvBlock = defineBlockType<CollateralLtvConfig, CollateralLtvPrepared>({
  type: 'collateral-ltv',
  version: 1,
  title: text('抵押率', 'Collateral LTV'),
  description: text(
    '额度不超过抵押物价值 × 抵押率：价值取评估价与线上评估价的较低者，减去已有抵押余额；抵押率按房产类型设置，房龄超限时额度为 0。',
    'Caps the limit at the collateral value × LTV: the lower of the appraisal and the online valuation, minus existing liens, times the ratio for the property type; a building over the age limit gets 0.',
  ),
  category: 'limit',
  icon: '🏠',
  keywords: ['抵押', '抵押率', '评估价', '房产', '房龄', 'LTV', 'collateral', 'mortgage', 'appraisal', 'property'],
  defaults: { ltvPercentByType: { residential: 70, villa: 60, shop: 50, office: 50 }, maxBuildingAgeYears: 20 },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const ltvByType = new Map(Object.entries(config.ltvPercentByType).map(([type, percent]) => [type, { percent: percent!, share: new Decimal(String(percent)).div(100) }]));
    const cap = fixedCap(config.cap);
    const reads: FieldRead[] = [
      { path: 'collateral.propertyType', required: true },
      { path: 'collateral.appraisalValue', required: true },
      { path: 'collateral.automatedValuation', required: false }, // missing: the appraisal alone
      { path: 'collateral.existingLiens', required: false }, // missing: no liens
    ];
    if (config.maxBuildingAgeYears !== undefined) reads.push({ path: 'collateral.buildingAgeYears', required: true });
    return { prepared: { ltvByType, maxBuildingAgeYears: config.maxBuildingAgeYears, cap }, diagnostics: [], reads, facts: fixedCapStaticFacts(cap) };
  },
  evaluate(prepared, input) {
    const { cap, facts } = collateralCap(prepared, input.application);
    return { kind: 'contribute', contribution: { limitCaps: withFixedCap([cap], prepared.cap) }, facts };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const parts = Object.entries(config.ltvPercentByType).map(([type, percent]) => `${PROPERTY_TYPE_LABELS[type as PropertyType][zh ? 'zh-CN' : 'en']} ${percent}%`);
    if (config.maxBuildingAgeYears !== undefined) parts.push(zh ? `房龄 ≤ ${config.maxBuildingAgeYears} 年` : `building ≤ ${config.maxBuildingAgeYears} yrs`);
    return parts.join(zh ? '，' : ', ');
  },
});
