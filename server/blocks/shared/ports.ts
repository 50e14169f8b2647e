import type { DynamicOutputs, InputPort, OutputPort } from '../../engine/ports.ts';
import { text, type LocalizedText } from '../../engine/text.ts';

/**
 * The standard ports block types share, so "what a gate's fail port is" is written once. Block
 * types list them in their descriptors (`inputs: [APPLICATION_INPUT]`); a block that needs other
 * labels builds its ports with `passOutput` / `failOutput`.
 */

/** The usual input: an application still in the running (a failed gate's output cannot link here). */
export const APPLICATION_INPUT: InputPort = { id: 'in', label: text('申请', 'Application'), accepts: ['application'] };

/** An outcome's input: takes the normal path and a gate's fail port (decline and refer end both). */
export const OUTCOME_INPUT: InputPort = { id: 'in', label: text('申请', 'Application'), accepts: ['application', 'rejection'] };

/** A contributor's single output: the application goes on with what the block added to the offer. */
export const NEXT_OUTPUT: OutputPort = { id: 'out', label: text('继续', 'Next'), kind: 'application' };

/** A gate's pass port, labelled for what passing means in that gate ("Served", "No hit"…). */
export const passOutput = (label: LocalizedText): OutputPort => ({ id: 'pass', label, kind: 'application' });

/** A gate's fail port: a rejection, which only refer and decline accept. */
export const failOutput = (label: LocalizedText): OutputPort => ({ id: 'fail', label, kind: 'rejection' });

/** The pass port of most gates. */
export const PASS_OUTPUT: OutputPort = passOutput(text('通过', 'Pass'));

/** The fail port of most gates. */
export const FAIL_OUTPUT: OutputPort = failOutput(text('不通过', 'Fail'));

/** A router's fixed fallback port, after the branch ports: nothing matched. The id "else" is reserved. */
export const ELSE_OUTPUT: OutputPort = { id: 'else', label: text('其他', 'Else'), kind: 'application' };

/** A router's generated ports: one per item of `config.branches`, its `id` the port and `label` the label. */
export const BRANCH_OUTPUTS: DynamicOutputs = { arrayKey: 'branches', idKey: 'id', labelKey: 'label', kind: 'application' };
