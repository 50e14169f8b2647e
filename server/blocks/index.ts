import type { BlockType } from '../engine/block-type.ts';
// start
// eligibility (gates)
// segments (routers)
// limits
import { limitRangeBlock } from './limit-range/limit-range.block.ts';
import { incomeMultipleBlock } from './income-multiple/income-multiple.block.ts';
import { dtiCapBlock } from './dti-cap/dti-cap.block.ts';
import { collateralLtvBlock } from './collateral-ltv/collateral-ltv.block.ts';
import { turnoverShareBlock } from './turnover-share/turnover-share.block.ts';
import { cropAreaQuotaBlock } from './crop-area-quota/crop-area-quota.block.ts';
import { providentFundBlock } from './provident-fund/provident-fund.block.ts';
import { formulaLimitBlock } from './formula-limit/formula-limit.block.ts';
import { evidenceUpliftBlock } from './evidence-uplift/evidence-uplift.block.ts';
// pricing
import { baseRateBlock } from './base-rate/base-rate.block.ts';
import { rateBoundsBlock } from './rate-bounds/rate-bounds.block.ts';
import { segmentAdjustmentBlock } from './segment-adjustment/segment-adjustment.block.ts';
// fees and subsidies
import { feeBlock } from './fee/fee.block.ts';
import { interestSubsidyBlock } from './interest-subsidy/interest-subsidy.block.ts';
// repayment
import { repaymentBlock } from './repayment/repayment.block.ts';
import { revolvingLineBlock } from './revolving-line/revolving-line.block.ts';
// outcomes

/**
 * The one registry of block types, in palette order. Registration is this explicit list: a block
 * type that is not here does not exist (unknown types are compile errors, never silent fallbacks).
 */
export const blockTypes: BlockType<any, any>[] = [
  // start
  // eligibility (gates)
  // segments (routers)
  // limits
  limitRangeBlock,
  incomeMultipleBlock,
  dtiCapBlock,
  collateralLtvBlock,
  turnoverShareBlock,
  cropAreaQuotaBlock,
  providentFundBlock,
  formulaLimitBlock,
  evidenceUpliftBlock,
  // pricing
  baseRateBlock,
  segmentAdjustmentBlock,
  rateBoundsBlock,
  // fees and subsidies
  feeBlock,
  interestSubsidyBlock,
  // repayment
  repaymentBlock,
  revolvingLineBlock,
  // outcomes
];
