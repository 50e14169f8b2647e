import { ApiError } from '../api/client.ts';
import type { Locale } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Server problem codes a person meets in the studio's dialogs, in the UI language. */
const KNOWN: Record<string, MessageKey> = {
  DRAFT_HAS_ERRORS: 'problem.DRAFT_HAS_ERRORS',
  REVIEW_PENDING: 'problem.REVIEW_PENDING',
  REVIEW_CLOSED: 'problem.REVIEW_CLOSED',
  PRODUCT_ARCHIVED: 'problem.PRODUCT_ARCHIVED',
  REVISION_CONFLICT: 'problem.REVISION_CONFLICT',
  SELF_APPROVAL_FORBIDDEN: 'problem.SELF_APPROVAL_FORBIDDEN',
  EDITOR_APPROVAL_FORBIDDEN: 'problem.EDITOR_APPROVAL_FORBIDDEN',
  ROLE_REQUIRED: 'problem.ROLE_REQUIRED',
  UNAUTHENTICATED: 'problem.UNAUTHENTICATED',
  NETWORK_ERROR: 'problem.NETWORK_ERROR',
  SUITE_FAILING: 'problem.SUITE_FAILING',
  IMPACT_PENDING: 'problem.IMPACT_PENDING',
  IMPACT_INCOMPLETE: 'problem.IMPACT_INCOMPLETE',
  IMPACT_NOT_OPENED: 'problem.IMPACT_NOT_OPENED',
};

/**
 * What went wrong, for a person: a known code in the UI language (the code kept after it for
 * support), anything else as the server's own detail with its code.
 */
export function problemText(error: unknown, locale: Locale): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const key = KNOWN[error.code];
  return key ? `${translate(locale, key)} (${error.code})` : `${error.detail || error.code} (${error.code})`;
}
