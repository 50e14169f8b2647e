import type { BlockResult, ReasonInput } from '../../engine/block-type.ts';
import type { LocalizedText } from '../../engine/text.ts';

/**
 * A gate that needs a field the application lacks cannot say the applicant passes, so it fails with
 * the reason code FIELD_MISSING; the message, worded by each gate, names the field.
 */

/** The FIELD_MISSING reason with the gate's own message. */
export const fieldMissingReason = (message: LocalizedText): ReasonInput => ({ code: 'FIELD_MISSING', message });

/** A gate's failure for a missing field, with the gate's action (decline or refer) and no facts. */
export const fieldMissingFailure = (action: 'decline' | 'refer', message: LocalizedText): BlockResult => ({ kind: 'gate', passed: false, action, reasons: [fieldMissingReason(message)] });
