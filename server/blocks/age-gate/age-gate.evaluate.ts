import type { BlockResult, EvaluationInput, ReasonInput } from '../../engine/block-type.ts';
import { addMonths, compareDates, parseIsoDate, formatIsoDate } from '../../engine/loan-math/dates.ts';
import { text } from '../../engine/text.ts';
import { fieldMissingFailure } from '../shared/field-missing.ts';
import { completedMonths } from '../shared/completed-months.ts';
import type { AgeGateConfig } from '../config-types.generated.ts';

const yearsMonths = (months: number) => ({ years: Math.floor(months / 12), months: months % 12 });

function ageText(totalMonths: number): { zh: string; en: string } {
  const { years, months } = yearsMonths(totalMonths);
  if (months === 0) return { zh: `${years} 岁`, en: `${years} years` };
  return { zh: `${years} 岁 ${months} 个月`, en: `${years} years ${months} months` };
}

const missing = (path: string): BlockResult => fieldMissingFailure('decline', text(`缺少年龄信息（${path}），无法判断年龄准入`, `The age check needs ${path}, which is missing`));

/**
 * Age in completed years (周岁); someone born on 29 February turns a year older on 28 February in
 * common years (the month-end rule). Age at maturity is exact: with a declared age it is
 * age + term, with a date of birth it is the age on asOf + term months.
 */
export function evaluateAge(config: AgeGateConfig, input: EvaluationInput): BlockResult {
  const applicant = input.application.applicant as { age?: number; birthDate?: string } | undefined;
  const termMonths = input.request.termMonths ?? input.product.termMonths.min;
  const asOf = parseIsoDate(input.request.asOf);
  let ageMonths: number; // age now, in completed months
  let maturityExceeded = false;
  let ageAtMaturityMonths: number | undefined;
  let maturityDate: string | undefined;

  if (config.ageSource === 'age') {
    if (typeof applicant?.age !== 'number') return missing('applicant.age');
    ageMonths = applicant.age * 12;
    if (config.maxAgeAtMaturity !== undefined) {
      ageAtMaturityMonths = ageMonths + termMonths;
      maturityExceeded = ageAtMaturityMonths > config.maxAgeAtMaturity * 12;
    }
  } else {
    const birth = typeof applicant?.birthDate === 'string' ? parseIsoDate(applicant.birthDate) : undefined;
    if (!birth) return missing('applicant.birthDate');
    if (!asOf) return missing('request.asOf');
    ageMonths = completedMonths(birth, asOf);
    if (config.maxAgeAtMaturity !== undefined) {
      const maturity = addMonths(asOf, termMonths);
      maturityDate = formatIsoDate(maturity);
      ageAtMaturityMonths = completedMonths(birth, maturity);
      // Past the cap birthday by even a day is "older than the cap".
      maturityExceeded = compareDates(maturity, addMonths(birth, config.maxAgeAtMaturity * 12)) > 0;
    }
  }

  const age = Math.floor(ageMonths / 12);
  const reasons: ReasonInput[] = [];
  if (age < config.minAge) {
    reasons.push({ code: 'AGE_BELOW_MIN', message: text(`年龄 ${age} 岁，低于下限 ${config.minAge} 岁`, `Age ${age} is below the minimum of ${config.minAge}`) });
  }
  if (age > config.maxAge) {
    reasons.push({ code: 'AGE_ABOVE_MAX', message: text(`年龄 ${age} 岁，超过上限 ${config.maxAge} 岁`, `Age ${age} is above the maximum of ${config.maxAge}`) });
  }
  if (maturityExceeded && ageAtMaturityMonths !== undefined) {
    const at = ageText(ageAtMaturityMonths);
    const atExact = at.zh === `${config.maxAgeAtMaturity} 岁` ? { zh: `${at.zh}以上`, en: `over ${at.en}` } : at;
    reasons.push({
      code: 'AGE_AT_MATURITY_ABOVE_MAX',
      message: text(
        `贷款期限 ${termMonths} 个月，到期时年龄 ${atExact.zh}，超过上限 ${config.maxAgeAtMaturity} 岁`,
        `With a ${termMonths}-month term the applicant would be ${atExact.en} old at maturity, above the maximum of ${config.maxAgeAtMaturity}`,
      ),
    });
  }

  const facts: Record<string, unknown> = { age, termMonths };
  if (ageAtMaturityMonths !== undefined) facts.ageAtMaturity = yearsMonths(ageAtMaturityMonths);
  if (maturityDate) facts.maturityDate = maturityDate;
  return reasons.length ? { kind: 'gate', passed: false, action: 'decline', reasons, facts } : { kind: 'gate', passed: true, facts };
}
