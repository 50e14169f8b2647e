import { defineBlockType } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import { OUTCOME_INPUT } from '../shared/ports.ts';
import type { ReferConfig } from '../config-types.generated.ts';

/**
 * 转人工审核 / Refer to manual review — ends a path with a referral. Linked from a gate's fail
 * port it turns that gate's failure into a review case (the gate's reasons are kept by the
 * runtime); on a normal path it refers every application that gets here (e.g. amounts above the
 * online band).
 */
export const referBlock = defineBlockType<ReferConfig>({
  type: 'refer',
  version: 1,
  title: text('转人工审核', 'Refer to manual review'),
  description: text('转人工审核并给出原因；可接在准入积木的“不通过”端口之后。', 'Sends the application to manual review with a reason; may follow a gate’s fail port.'),
  category: 'outcome',
  icon: '🧑‍💼',
  keywords: ['refer', 'manual review', 'review', 'outcome', '人工', '转人工', '审核', '复核'],
  defaults: { reasonCode: 'MANUAL_REVIEW', message: text('需人工审核', 'Manual review required') },
  role: 'outcome',
  inputs: [OUTCOME_INPUT], // also a gate's fail port
  evaluate: (config) => ({ kind: 'outcome', outcome: 'refer', reasons: [{ code: config.reasonCode, message: config.message }] }),
  summarize: (config, locale) => config.message[locale],
});
