import type { StaticFacts } from '../../engine/block-type.ts';
import { moneyString } from '../../engine/money.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';

/**
 * The optional fixed cap of a limit block (config field `cap`, money): besides its own formula the
 * block caps the limit at this amount too, as a second LimitCap with the code FIXED_CAP — e.g.
 * PSBC's provident-fund loan: (8 × contribution − debts) × 30, and never above 30万.
 */

/** The fixed cap as compile builds it once, or undefined when the config sets none. Evaluate contributes a copy of it. */
export function fixedCap(cap: string | undefined): LimitCap | undefined {
  if (cap === undefined) return undefined;
  const amount = moneyString(cap);
  return { amount, code: 'FIXED_CAP', label: text(`固定上限 ${amount} 元`, `Fixed cap ${amount}`) };
}

/** The static fact a fixed cap guarantees (the highest limit the block allows); none without one. */
export const fixedCapStaticFacts = (cap: LimitCap | undefined): StaticFacts => (cap ? { limitMax: cap.amount } : {});

/**
 * The caps an evaluate contributes: the block's own, then the fixed cap when there is one — a fresh
 * copy per application, since the runtime merges contributions and must not share the prepared cap.
 */
export const withFixedCap = (caps: LimitCap[], cap: LimitCap | undefined): LimitCap[] => (cap ? [...caps, { ...cap }] : caps);

/** The trace fact of a fixed cap (`fixedCap`: its amount), to spread after the block's own facts; none without one. */
export const fixedCapTrace = (cap: LimitCap | undefined): { fixedCap?: string } => (cap ? { fixedCap: cap.amount } : {});
