import type { DynamicOutputs } from '../../engine/ports.ts';

/**
 * The standard ports block types share live in the engine (`defineBlockType` gives a block the
 * usual ports of its role); blocks that label their pass/fail ports build them with
 * `passOutput` / `failOutput`.
 */
export { APPLICATION_INPUT, ELSE_OUTPUT, FAIL_OUTPUT, failOutput, NEXT_OUTPUT, OUTCOME_INPUT, PASS_OUTPUT, passOutput } from '../../engine/ports.ts';

/** A router's generated ports: one per item of `config.branches`, its `id` the port and `label` the label. */
export const BRANCH_OUTPUTS: DynamicOutputs = { arrayKey: 'branches', idKey: 'id', labelKey: 'label', kind: 'application' };
