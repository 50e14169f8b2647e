import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { fixedCap, fixedCapStaticFacts, withFixedCap } from '../shared/fixed-cap.ts';
import { vehicleCap, type VehicleCollateralPrepared } from './vehicle-collateral.evaluate.ts';
import type { VehicleCollateralConfig } from '../config-types.generated.ts';

/** 车辆抵押 / Vehicle collateral: car loans lend a share of the car's value that falls with its age. */
export const vehicleCollateralBlock = defineBlockType<VehicleCollateralConfig, VehicleCollateralPrepared>({
  type: 'vehicle-collateral',
  version: 1,
  title: text('车辆抵押', 'Vehicle collateral'),
  description: text(
    '额度不超过抵押车辆价值 × 车龄分档抵押率：价值取评估价（或与购车发票价孰低）减去已有抵押余额；车龄超过最后一档的车辆不接受。',
    "Caps the limit at the pledged vehicle's value × the LTV of its age band: the appraisal (or the lower of appraisal and purchase invoice) minus existing liens; a vehicle older than the last band is not accepted.",
  ),
  category: 'limit',
  icon: '🚗',
  keywords: ['车抵贷', '车辆', '抵押', '车龄', '评估价', 'vehicle', 'car', 'auto', 'collateral', 'LTV'],
  defaults: {
    bands: [
      { maxAgeYears: 3, ltvPercent: 80 },
      { maxAgeYears: 6, ltvPercent: 70 },
      { maxAgeYears: 8, ltvPercent: 50 },
    ],
    valueBasis: 'lower-of-appraisal-and-invoice',
    acceptCommercial: false,
  },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    config.bands.forEach((band, index) => {
      const previous = config.bands[index - 1];
      if (previous && band.maxAgeYears <= previous.maxAgeYears) {
        diagnostics.push({
          code: 'TABLE_BANDS_OVERLAP',
          severity: 'error',
          pointer: `/bands/${index}/maxAgeYears`,
          message: text(
            `车龄分档须从低到高：第 ${index + 1} 档 ${band.maxAgeYears} 年不高于上一档 ${previous.maxAgeYears} 年`,
            `Age bands must ascend: band ${index + 1} (${band.maxAgeYears} years) is not above the one before (${previous.maxAgeYears})`,
          ),
        });
      }
    });
    const bands = config.bands.map((band) => ({ maxAgeYears: band.maxAgeYears, percent: band.ltvPercent, share: new Decimal(String(band.ltvPercent)).div(100) }));
    const reads: FieldRead[] = [
      { path: 'collateral.vehicle.registrationDate', required: true },
      { path: 'collateral.vehicle.appraisalValue', required: true },
      { path: 'collateral.vehicle.existingLiens', required: false }, // missing: no liens
      { path: 'collateral.vehicle.usage', required: false }, // missing: private
    ];
    if (config.valueBasis === 'lower-of-appraisal-and-invoice') reads.push({ path: 'collateral.vehicle.invoicePrice', required: false }); // missing: the appraisal alone
    const cap = fixedCap(config.cap);
    return { prepared: { bands, valueBasis: config.valueBasis, acceptCommercial: config.acceptCommercial, cap }, diagnostics, reads, facts: fixedCapStaticFacts(cap) };
  },
  evaluate(prepared, input) {
    const { cap, facts } = vehicleCap(prepared, input.application, input.request.asOf);
    return { kind: 'contribute', contribution: { limitCaps: withFixedCap([cap], prepared.cap) }, facts };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const bands = config.bands.map((band) => (zh ? `≤${band.maxAgeYears}年 ${band.ltvPercent}%` : `≤${band.maxAgeYears} yrs ${band.ltvPercent}%`));
    return bands.join(zh ? '，' : ', ');
  },
});
