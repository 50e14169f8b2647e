import { defineBlockType } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import { OUTCOME_INPUT } from '../shared/ports.ts';
import type { DeclineConfig } from '../config-types.generated.ts';

/**
 * 拒绝 / Decline — ends a path with a decline. Reached through a gate's fail port, the runtime
 * keeps the gate's specific reasons and adds this one; on a normal path (e.g. a segment switch's
 * else) it declines everyone who gets here.
 */
export const declineBlock = defineBlockType<DeclineConfig>({
  type: 'decline',
  version: 1,
  title: text('拒绝', 'Decline'),
  description: text('以给定原因拒绝；接在准入积木的“不通过”端口之后时，同时保留该积木的拒绝原因。', 'Declines with a reason; after a gate’s fail port the gate’s own reasons are kept too.'),
  category: 'outcome',
  icon: '⛔',
  keywords: ['decline', 'reject', 'outcome', 'end', '拒绝', '拒贷', '结束'],
  defaults: { reasonCode: 'DECLINED', message: text('不符合产品准入条件', 'Does not meet the product’s eligibility criteria') },
  role: 'outcome',
  inputs: [OUTCOME_INPUT], // also a gate's fail port
  evaluate: (config) => ({ kind: 'outcome', outcome: 'decline', reasons: [{ code: config.reasonCode, message: config.message }] }),
  summarize: (config, locale) => config.message[locale],
});
