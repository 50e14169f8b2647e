import type { BlockType } from '../engine/block-type.ts';
// start
import { applicationBlock } from './application/application.block.ts';
// eligibility (gates)
import { ageGateBlock } from './age-gate/age-gate.block.ts';
import { bureauGateBlock } from './bureau-gate/bureau-gate.block.ts';
import { businessAgeGateBlock } from './business-age-gate/business-age-gate.block.ts';
import { regionGateBlock } from './region-gate/region-gate.block.ts';
import { listGateBlock } from './list-gate/list-gate.block.ts';
import { conditionGateBlock } from './condition-gate/condition-gate.block.ts';
import { ruleSetBlock } from './rule-set/rule-set.block.ts';
// segments (routers)
import { segmentSwitchBlock } from './segment-switch/segment-switch.block.ts';
import { amountRouterBlock } from './amount-router/amount-router.block.ts';
// limits
import { limitRangeBlock } from './limit-range/limit-range.block.ts';
import { incomeMultipleBlock } from './income-multiple/income-multiple.block.ts';
import { dtiCapBlock } from './dti-cap/dti-cap.block.ts';
import { collateralLtvBlock } from './collateral-ltv/collateral-ltv.block.ts';
import { vehicleCollateralBlock } from './vehicle-collateral/vehicle-collateral.block.ts';
import { turnoverShareBlock } from './turnover-share/turnover-share.block.ts';
import { cropAreaQuotaBlock } from './crop-area-quota/crop-area-quota.block.ts';
import { landTransferAreaBlock } from './land-transfer-area/land-transfer-area.block.ts';
import { providentFundBlock } from './provident-fund/provident-fund.block.ts';
import { formulaLimitBlock } from './formula-limit/formula-limit.block.ts';
import { channelCapBlock } from './channel-cap/channel-cap.block.ts';
import { evidenceUpliftBlock } from './evidence-uplift/evidence-uplift.block.ts';
import { insuranceUpliftBlock } from './insurance-uplift/insurance-uplift.block.ts';
// pricing
import { baseRateBlock } from './base-rate/base-rate.block.ts';
import { rateBoundsBlock } from './rate-bounds/rate-bounds.block.ts';
import { pricingTableBlock } from './pricing-table/pricing-table.block.ts';
import { segmentAdjustmentBlock } from './segment-adjustment/segment-adjustment.block.ts';
// fees and subsidies
import { feeBlock } from './fee/fee.block.ts';
import { interestSubsidyBlock } from './interest-subsidy/interest-subsidy.block.ts';
// repayment
import { repaymentBlock } from './repayment/repayment.block.ts';
import { revolvingLineBlock } from './revolving-line/revolving-line.block.ts';
// outcomes
import { offerBlock } from './offer/offer.block.ts';
import { referBlock } from './refer/refer.block.ts';
import { declineBlock } from './decline/decline.block.ts';

/**
 * The one registry of block types, in palette order. Registration is this explicit list: a block
 * type that is not here does not exist (unknown types are compile errors, never silent fallbacks).
 */
export const blockTypes: BlockType<unknown, unknown>[] = [
  // start
  applicationBlock,
  // eligibility (gates)
  ageGateBlock,
  bureauGateBlock,
  businessAgeGateBlock,
  regionGateBlock,
  listGateBlock,
  conditionGateBlock,
  ruleSetBlock,
  // segments (routers)
  segmentSwitchBlock,
  amountRouterBlock,
  // limits
  limitRangeBlock,
  incomeMultipleBlock,
  dtiCapBlock,
  collateralLtvBlock,
  vehicleCollateralBlock,
  turnoverShareBlock,
  cropAreaQuotaBlock,
  landTransferAreaBlock,
  providentFundBlock,
  formulaLimitBlock,
  channelCapBlock,
  evidenceUpliftBlock,
  insuranceUpliftBlock,
  // pricing
  baseRateBlock,
  pricingTableBlock,
  segmentAdjustmentBlock,
  rateBoundsBlock,
  // fees and subsidies
  feeBlock,
  interestSubsidyBlock,
  // repayment
  repaymentBlock,
  revolvingLineBlock,
  // outcomes
  offerBlock,
  referBlock,
  declineBlock,
];
