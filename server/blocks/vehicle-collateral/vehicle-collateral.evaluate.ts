import { parseIsoDate } from '../../engine/loan-math/dates.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { type LocalizedText, text } from '../../engine/text.ts';
import { completedMonths } from '../shared/completed-months.ts';
import { numberIn, objectIn } from '../shared/fields.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { VehicleCollateralConfig } from '../config-types.generated.ts';

/** What evaluate needs: the bands with their LTVs as fractions, built once. */
export interface VehicleCollateralPrepared {
  bands: { maxAgeYears: number; percent: number; share: Decimal }[];
  valueBasis: VehicleCollateralConfig['valueBasis'];
  acceptCommercial: boolean;
  cap?: LimitCap;
}

/**
 * The vehicle cap and the figures behind it. A vehicle the product does not take (older than the
 * last band, commercial when not accepted, registration date unknown or after the decision date)
 * gets a cap of 0 with a code saying why, so the runtime declines with LIMIT_BELOW_MINIMUM and the
 * trace names the cause.
 */
export function vehicleCap(prepared: VehicleCollateralPrepared, application: Record<string, unknown>, asOf: string): { cap: LimitCap; facts: Record<string, unknown> } {
  const vehicle = objectIn(objectIn(application, 'collateral'), 'vehicle');
  const registered = typeof vehicle.registrationDate === 'string' ? vehicle.registrationDate : null;
  const appraisal = numberIn(vehicle, 'appraisalValue');
  const invoice = numberIn(vehicle, 'invoicePrice');
  const liens = numberIn(vehicle, 'existingLiens') ?? new Decimal(0);
  const usage = vehicle.usage === 'commercial' ? 'commercial' : 'private';
  const from = registered === null ? undefined : parseIsoDate(registered);
  const to = parseIsoDate(asOf);
  const ageYears = from && to ? Math.floor(completedMonths(from, to) / 12) : null;
  const facts: Record<string, unknown> = {
    registrationDate: registered,
    vehicleAgeYears: ageYears,
    usage,
    appraisalValue: appraisal === null ? null : moneyString(appraisal),
    invoicePrice: invoice === null ? null : moneyString(invoice),
    existingLiens: moneyString(liens),
  };
  const zero = (code: string, label: LocalizedText) => ({ cap: { amount: '0.00', code, label }, facts: { ...facts, vehicleCap: '0.00' } });

  if (ageYears === null || ageYears < 0) {
    return zero(
      'VEHICLE_REGISTRATION_INVALID',
      text(`初次登记日期（${registered ?? '未填写'}）无效或晚于决策日`, `The first registration date (${registered ?? 'none given'}) is missing or after the decision date`),
    );
  }
  if (usage === 'commercial' && !prepared.acceptCommercial) {
    return zero('VEHICLE_USE_NOT_ACCEPTED', text('不接受营运车辆抵押', 'Commercial vehicles are not accepted'));
  }
  const band = prepared.bands.find((candidate) => ageYears <= candidate.maxAgeYears);
  if (!band) {
    const oldest = prepared.bands[prepared.bands.length - 1].maxAgeYears;
    return zero('VEHICLE_TOO_OLD', text(`车龄 ${ageYears} 年，超过可接受的 ${oldest} 年`, `Vehicle age ${ageYears} years is above the accepted ${oldest}`));
  }
  // A new car's appraisal can exceed what was paid; the invoice keeps the value honest.
  const base = appraisal ?? new Decimal(0);
  const value = prepared.valueBasis === 'lower-of-appraisal-and-invoice' && invoice !== null ? Decimal.min(base, invoice) : base;
  const netValue = Decimal.max(0, value.minus(liens));
  const amount = moneyDown(netValue.mul(band.share));
  return {
    cap: {
      amount,
      code: 'VEHICLE_LTV',
      label: text(`车辆净值 ${moneyString(netValue)} 元 × 车龄 ${ageYears} 年抵押率 ${band.percent}%`, `Vehicle net value ${moneyString(netValue)} × LTV ${band.percent}% for age ${ageYears} years`),
    },
    facts: { ...facts, valueUsed: moneyString(value), netValue: moneyString(netValue), ltvPercent: band.percent, vehicleCap: amount },
  };
}
