import { useEffect, useRef, useState } from 'react';
import { toastStore } from '../app/toast-store.ts';
import { useT } from '../i18n/use-t.ts';
import type { ProductStatusView } from './use-product-status.ts';

interface Props {
  view: ProductStatusView; // as useProductStatus keeps it current
  revision: number; // the revision this editor's draft builds on
  dirty: boolean;
  saving: boolean;
  onNewerDraft(): void; // someone else saved and nothing here is unsaved: load theirs
}

/**
 * What changed elsewhere while the editor is open, told where the author looks: the approver's
 * decision (approved: a toast with the version; rejected: a banner with the approver's comment until
 * dismissed), and a colleague's newer draft — loaded at once when nothing here is unsaved, else a
 * banner saying the next save will ask which to keep (the 409 conflict dialog).
 */
export function ProductSyncNotices({ view, revision, dirty, saving, onNewerDraft }: Props) {
  const { t } = useT();
  const [rejected, setRejected] = useState<{ who: string; comment: string } | undefined>();
  const previous = useRef(view);

  useEffect(() => {
    const before = previous.current;
    previous.current = view;
    const review = view.review;
    if (before.status !== 'in-review' || view.status === 'in-review' || !review || review.status === 'open') return;
    if (review.status === 'approved' && view.latestVersion) toastStore.show(t('editor.reviewApproved', { who: review.decidedBy ?? '', version: view.latestVersion }), 'success', 8000);
    if (review.status === 'rejected') setRejected({ who: review.decidedBy ?? '', comment: review.decisionComment ?? '' });
  }, [view, t]);

  const newer = view.revision > revision && !saving;
  useEffect(() => {
    if (newer && !dirty) onNewerDraft();
  }, [newer, dirty, onNewerDraft]);

  return (
    <>
      {rejected && view.status !== 'in-review' && (
        <div className="banner" role="status" data-testid="review-rejected">
          <span>{rejected.comment ? t('editor.reviewRejected', { who: rejected.who, comment: rejected.comment }) : t('editor.reviewRejectedBare', { who: rejected.who })}</span>
          <button type="button" className="btn btn-ghost" onClick={() => setRejected(undefined)} aria-label={t('editor.dismiss')}>
            {t('editor.dismiss')}
          </button>
        </div>
      )}
      {newer && dirty && (
        <div className="banner" role="status" data-testid="newer-draft">
          {t('editor.newerDraft', { who: view.updatedBy ?? '', revision: view.revision })}
        </div>
      )}
    </>
  );
}
