import { compareDates, parseIsoDate } from '../../engine/loan-math/dates.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import type { LimitCap, LimitUplift } from '../../engine/offer-parts.ts';
import { type LocalizedText, text } from '../../engine/text.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { InsuranceUpliftConfig } from '../config-types.generated.ts';

/** What evaluate needs, built once: the share per kind as a fraction. */
export interface InsuranceUpliftPrepared {
  byKind: Map<string, { percent: number; share: Decimal }>;
  target: InsuranceUpliftConfig['target'];
  capCode?: string;
  maxAmount?: Decimal;
}

/** A kind of insurance policy (the schema's enum). */
export type InsuranceKind = InsuranceUpliftConfig['policies'][number]['kind'];

/** Kinds of policy as the application schema names them. */
export const INSURANCE_KIND_LABELS: Record<InsuranceKind, LocalizedText> = {
  agricultural: text('农业保险', 'Agricultural insurance'),
  'performance-bond': text('履约保证保险', 'Performance bond insurance'),
};

const ZERO = new Decimal(0);

/** A policy counts when the bank verified it with the insurer and the decision date lies within its cover. */
function inForce(policy: Record<string, unknown>, asOf: string): boolean {
  const start = typeof policy.startDate === 'string' ? parseIsoDate(policy.startDate) : undefined;
  const end = typeof policy.endDate === 'string' ? parseIsoDate(policy.endDate) : undefined;
  const day = parseIsoDate(asOf);
  return policy.verified === true && !!start && !!end && !!day && compareDates(start, day) <= 0 && compareDates(day, end) <= 0;
}

/**
 * The uplift: the highest share among the policies that count, applied to the limit so far (the
 * lowest cap) or to one named cap. Raising one cap is exact under the runtime's rule "limit = lowest
 * cap + uplifts": the uplift is how much the lowest cap rises when that cap alone is raised, so a
 * per-mu quota raised 20 % lifts the limit only as far as the other caps (revenue share, fixed cap) allow.
 */
export function insuranceUplift(
  prepared: InsuranceUpliftPrepared,
  application: Record<string, unknown>,
  asOf: string,
  capsSoFar: readonly LimitCap[],
): { uplift: LimitUplift; facts: Record<string, unknown> } {
  const policies = Object.hasOwn(application, 'insurance') && Array.isArray(application.insurance) ? (application.insurance as unknown[]) : [];
  let best: { kind: string; percent: number; share: Decimal } | undefined;
  const policyFacts = policies.map((entry) => {
    const policy = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const kind = typeof policy.kind === 'string' ? policy.kind : null;
    const rule = kind === null ? undefined : prepared.byKind.get(kind);
    const counts = !!rule && inForce(policy, asOf);
    if (counts && rule && kind && (!best || rule.share.gt(best.share))) best = { kind, ...rule };
    return { kind, verified: policy.verified === true, startDate: policy.startDate ?? null, endDate: policy.endDate ?? null, counts };
  });

  const amounts = capsSoFar.map((cap) => new Decimal(cap.amount));
  const lowest = amounts.length ? Decimal.min(...amounts) : null;
  let raw = ZERO;
  let targetCap: string | null = null;
  if (best && lowest !== null) {
    if (prepared.target === 'limit') raw = lowest.mul(best.share);
    else {
      // Raise the named caps; the uplift is the rise of the lowest cap. No such cap on the path: nothing to raise.
      const raised = capsSoFar.map((cap, index) => (cap.code === prepared.capCode ? amounts[index].mul(best!.share.plus(1)) : amounts[index]));
      if (capsSoFar.some((cap) => cap.code === prepared.capCode)) {
        targetCap = moneyString(Decimal.min(...amounts.filter((_, index) => capsSoFar[index].code === prepared.capCode)));
        raw = Decimal.max(ZERO, Decimal.min(...raised).minus(lowest));
      }
    }
  }
  const bounded = prepared.maxAmount && raw.gt(prepared.maxAmount) ? prepared.maxAmount : raw;
  const amount = moneyDown(bounded);
  const kindLabel = best ? INSURANCE_KIND_LABELS[best.kind as InsuranceKind] : text('无', 'none');
  return {
    uplift: {
      amount,
      code: 'INSURANCE_UPLIFT',
      label: text(`${kindLabel['zh-CN']}增信提额 ${amount} 元`, `${kindLabel.en} uplift ${amount}`),
    },
    facts: {
      policies: policyFacts,
      appliedKind: best?.kind ?? null,
      upliftPercent: best?.percent ?? null,
      target: prepared.target,
      ...(prepared.capCode ? { capCode: prepared.capCode, targetCap } : {}),
      lowestCap: lowest === null ? null : moneyString(lowest),
      rawUplift: moneyString(raw),
      ...(prepared.maxAmount ? { maxUpliftAmount: moneyString(prepared.maxAmount) } : {}),
      uplift: amount,
    },
  };
}
