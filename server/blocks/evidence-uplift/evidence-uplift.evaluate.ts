import type { LimitCap, LimitUplift } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { EvidenceUpliftConfig } from '../config-types.generated.ts';

/** What evaluate needs, built once: per kind, the multiplier of the amount or the flat amount. */
export interface EvidenceUpliftPrepared {
  byKind: Map<string, { mode: EvidenceUpliftConfig['shares'][number]['mode']; value: Decimal }>;
  maxAmount: Decimal;
  maxPercent?: { percent: number; share: Decimal };
}

/** A kind of verified evidence (the schema's enum). */
export type EvidenceKind = EvidenceUpliftConfig['shares'][number]['kind'];

/** Kinds of evidence as the application schema names them. */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, LocalizedText> = {
  contract: text('购销合同', 'Contract'),
  invoice: text('发票', 'Invoice'),
  'shop-photo': text('门店照片', 'Shop photo'),
  vehicle: text('车辆', 'Vehicle'),
  property: text('房产', 'Property'),
  other: text('其他', 'Other'),
};

const ZERO = new Decimal(0);

/**
 * The uplift for the application's verified evidence, bounded by the configured maximum and, when
 * set, by a percent of the binding cap (the minimum of the caps contributed so far on the path).
 * Unverified items count nothing: the account manager or a data source must have confirmed them.
 */
export function evidenceUplift(prepared: EvidenceUpliftPrepared, application: Record<string, unknown>, capsSoFar: readonly LimitCap[]): { uplift: LimitUplift; facts: Record<string, unknown> } {
  const items = Object.hasOwn(application, 'evidence') && Array.isArray(application.evidence) ? (application.evidence as unknown[]) : [];
  let raw = ZERO;
  const itemFacts = items.map((entry) => {
    const item = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const kind = typeof item.kind === 'string' ? item.kind : null;
    const amount = typeof item.amount === 'number' && Number.isFinite(item.amount) ? new Decimal(item.amount) : null;
    const rule = kind === null ? undefined : prepared.byKind.get(kind);
    const verified = item.verified === true;
    const counted = !verified || !rule ? ZERO : rule.mode === 'flat' ? rule.value : (amount ?? ZERO).mul(rule.value);
    raw = raw.plus(counted);
    return { kind, verified, amount: amount === null ? null : moneyString(amount), counted: moneyString(counted) };
  });

  const bindingCap = capsSoFar.length ? Decimal.min(...capsSoFar.map((cap) => new Decimal(cap.amount))) : null;
  let bound = prepared.maxAmount;
  let boundBy = 'MAX_AMOUNT';
  let percentBound: Decimal | null = null;
  if (prepared.maxPercent) {
    // Without a cap before it on the path there is nothing to take a percent of: no uplift.
    percentBound = bindingCap === null ? ZERO : bindingCap.mul(prepared.maxPercent.share);
    if (percentBound.lt(bound)) [bound, boundBy] = [percentBound, 'MAX_PERCENT_OF_CAP'];
  }
  const amount = moneyDown(Decimal.min(raw, bound));
  return {
    uplift: {
      amount,
      code: 'EVIDENCE_UPLIFT',
      label: text(`已核验材料提额 ${amount} 元（上限 ${moneyString(bound)} 元）`, `Verified evidence uplift ${amount} (at most ${moneyString(bound)})`),
    },
    facts: {
      evidence: itemFacts,
      rawUplift: moneyString(raw),
      bindingCap: bindingCap === null ? null : moneyString(bindingCap),
      maxUpliftAmount: moneyString(prepared.maxAmount),
      ...(percentBound === null ? {} : { maxUpliftPercent: prepared.maxPercent!.percent, percentBound: moneyString(percentBound) }),
      boundBy: raw.lte(bound) ? null : boundBy,
      uplift: amount,
    },
  };
}
