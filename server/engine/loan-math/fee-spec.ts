import type { FeeSpec } from '../offer-parts.ts';
import type { Fee } from './schedule-request.ts';

/** Maps a block's fee spec onto the loan-math fee shape. */
export function toLoanMathFee(spec: FeeSpec): Fee {
  const inApr = spec.inApr ?? true;
  if (spec.timing === 'upfront') {
    return spec.basis === 'flat'
      ? { kind: 'upfront', amount: spec.value, deducted: spec.deducted ?? false, code: spec.code, inApr }
      : { kind: 'upfront', percent: spec.value, deducted: spec.deducted ?? false, code: spec.code, inApr };
  }
  switch (spec.basis) {
    case 'flat':
      return { kind: 'periodic', amount: spec.value, code: spec.code, inApr };
    case 'percent-of-principal':
      return { kind: 'periodic', percentOfPrincipal: spec.value, code: spec.code, inApr };
    case 'annual-percent-of-principal':
      return { kind: 'periodic', annualPercentOfPrincipal: spec.value, code: spec.code, inApr };
    default:
      return { kind: 'periodic', percentOfInstallment: spec.value, code: spec.code, inApr };
  }
}
