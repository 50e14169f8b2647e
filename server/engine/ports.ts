/**
 * Port kinds are data, read by both the studio's connection check and the compiler.
 * - `application`: the normal path of an application that is still in the running;
 * - `rejection`: the path of an application a gate has failed (only review or decline accept it).
 */
export const PORT_KINDS = ['application', 'rejection'] as const;
export type PortKind = (typeof PORT_KINDS)[number];

import type { LocalizedText } from './text.ts';

/** An output port of a block type: where a link may start. */
export interface OutputPort {
  id: string; // unique among the block's outputs, e.g. "pass", "fail", "out", "else"
  label: LocalizedText; // shown on the canvas next to the handle
  kind: PortKind; // what travels along a link from this port
}

/** An input port of a block type: where a link may end. */
export interface InputPort {
  id: string; // unique among the block's inputs, usually "in"
  label: LocalizedText; // shown on the canvas next to the handle
  accepts: PortKind[]; // the kinds of output this input takes
}

/**
 * Outputs that come from the block's config (a segment switch has one output per branch).
 * Serializable, so the studio draws them without running server code: for each item of
 * `config[arrayKey]` an output `{ id: item[idKey], label: item[labelKey] }` of `kind`,
 * followed by the fixed outputs.
 */
export interface DynamicOutputs {
  arrayKey: string; // config property holding the branches, e.g. "branches"
  idKey: string; // property of a branch that is its port id, e.g. "id"
  labelKey: string; // property of a branch holding its LocalizedText label, e.g. "label"
  kind: PortKind; // kind of every generated port
}

/** Why a link between two ports is refused, or null when it is allowed. Shared by studio and compiler. */
export function linkRefusal(from: OutputPort | undefined, to: InputPort | undefined): 'PORT_UNKNOWN' | 'PORT_KIND_MISMATCH' | null {
  if (!from || !to) return 'PORT_UNKNOWN';
  return to.accepts.includes(from.kind) ? null : 'PORT_KIND_MISMATCH';
}

/**
 * The ports most block types share, so "what a gate's fail port is" is written once.
 * `defineBlockType` gives a block the usual ports of its role when it names none.
 */

/** The usual input: an application still in the running (a failed gate's output cannot link here). */
export const APPLICATION_INPUT: InputPort = { id: 'in', label: { 'zh-CN': '申请', en: 'Application' }, accepts: ['application'] };

/** An outcome's input: takes the normal path and a gate's fail port (decline and refer end both). */
export const OUTCOME_INPUT: InputPort = { id: 'in', label: { 'zh-CN': '申请', en: 'Application' }, accepts: ['application', 'rejection'] };

/** A contributor's single output: the application goes on with what the block added to the offer. */
export const NEXT_OUTPUT: OutputPort = { id: 'out', label: { 'zh-CN': '继续', en: 'Next' }, kind: 'application' };

/** A gate's pass port, labelled for what passing means in that gate ("Served", "No hit"…). */
export const passOutput = (label: LocalizedText): OutputPort => ({ id: 'pass', label, kind: 'application' });

/** A gate's fail port: a rejection, which only refer and decline accept. */
export const failOutput = (label: LocalizedText): OutputPort => ({ id: 'fail', label, kind: 'rejection' });

/** The pass port of most gates. */
export const PASS_OUTPUT: OutputPort = passOutput({ 'zh-CN': '通过', en: 'Pass' });

/** The fail port of most gates. */
export const FAIL_OUTPUT: OutputPort = failOutput({ 'zh-CN': '不通过', en: 'Fail' });

/** A router's fixed fallback port, after the branch ports: nothing matched. The id "else" is reserved. */
export const ELSE_OUTPUT: OutputPort = { id: 'else', label: { 'zh-CN': '其他', en: 'Else' }, kind: 'application' };
