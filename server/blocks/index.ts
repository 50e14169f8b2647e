import type { BlockType } from '../engine/block-type.ts';
// start
// eligibility (gates)
// segments (routers)
// limits
// pricing
// fees and subsidies
// repayment
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
  // pricing
  // fees and subsidies
  // repayment
  // outcomes
];
