import type { Contribution, LimitCap, RateAdjustment } from '../offer-parts.ts';

/** What a path has built so far: the merged contribution, and caps/adjustments with the block that gave them. */
export interface PathState {
  offer: Contribution;
  caps: (LimitCap & { blockId: string })[];
  adjustments: (RateAdjustment & { blockId: string })[];
}
