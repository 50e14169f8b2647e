import type { FieldHint } from '../../engine/block-type.ts';
import { text, type LocalizedText } from '../../engine/text.ts';

/**
 * Form wording several block types share, so the same choice reads the same in every form. Each
 * descriptor still lists its own fields in order; only the shared label or enum labels come from here.
 */

/** Labels of a gate's action on failure ('decline' | 'refer'), the enum of every gate that lets the product choose. */
export const GATE_ACTION_LABELS: Record<'decline' | 'refer', LocalizedText> = { decline: text('拒绝', 'Decline'), refer: text('转人工审核', 'Refer to manual review') };

/** The hint of a configured reason's code (`reasonCode`), the stable code channels key on. */
export const REASON_CODE_HINT: FieldHint = { label: text('原因代码', 'Reason code') };

/** The hint of a configured reason's message (`message`), shown to the reviewer or applicant. */
export const REASON_MESSAGE_HINT: FieldHint = { label: text('原因说明', 'Reason message') };
