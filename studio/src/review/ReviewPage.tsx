import { useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { api } from '../api/client.ts';
import type { CompileResult, Diagnostic, User } from '../api/types.ts';
import { problemText } from '../app/problem-text.ts';
import { toastStore } from '../app/toast-store.ts';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import { FlowStore } from '../flow/flow-store.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import { diagnosticText, enumLabelIndex } from '../problems/diagnostic-text.ts';
import { SeverityIcon } from '../problems/SeverityIcon.tsx';
import { useFocusBlock } from '../problems/use-focus-block.ts';
import { diffCanvas } from './diff-view.ts';
import { DiffList } from './DiffList.tsx';
import { useReview, type ReviewData } from './use-review.ts';
import { approveBlockedBy, ReviewImpactSection } from '../impact/ReviewImpactSection.tsx';
import type { ReviewImpact } from '../impact/impact-api.ts';
import { useImpactT } from '../impact/impact-text.ts';

/** A review: the version diff on the canvas and as a list, approve or reject with a comment. */
export function ReviewPage({ reviewId, user }: { reviewId: string; user: User }) {
  const { t } = useT();
  const { data, error, reload } = useReview(reviewId);
  if (error) return <p className="form-error pad">{error}</p>;
  if (!data) return <div className="loading">{t('app.loading')}</div>;
  return (
    <ReactFlowProvider>
      <ReviewWorkspace data={data} user={user} onDecided={reload} />
    </ReactFlowProvider>
  );
}

function ReviewWorkspace({ data, user, onDecided }: { data: ReviewData; user: User; onDecided(): void }) {
  const { t, lt, locale } = useT();
  const { review, product, catalog } = data;
  const types = useMemo(() => new Map(catalog.blockTypes.map((type) => [type.type, type])), [catalog]);
  const view = useMemo(() => diffCanvas(review.diff, data.next, data.previous), [review, data]);
  const store = useMemo(() => new FlowStore(view.document, catalog.blockTypes, { readOnly: true }), [view, catalog]);
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const focus = useFocusBlock(store);
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false); // a rejection without the comment the author must read
  const commentField = useRef<HTMLTextAreaElement>(null);
  const canDecide = review.status === 'open' && (user.roles.includes('approver') || user.roles.includes('admin'));
  // What the compiler says about the version under review beyond errors (a submitted draft has
  // none): the warnings and notes the approver should weigh, e.g. a channel cap below the limit.
  // The same compile gives each block's subtitle with its key figures, as the author saw it in the editor.
  const [notes, setNotes] = useState<Diagnostic[] | undefined>();
  const [summaries, setSummaries] = useState<CompileResult['summaries'] | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    api.compile(data.next, controller.signal).then(
      (result) => {
        setNotes(result.diagnostics.filter((d) => d.severity !== 'error' || review.status === 'open'));
        setSummaries(result.summaries);
      },
      () => setNotes([]),
    );
    return () => controller.abort();
  }, [data.next, review.status]);
  const labels = useMemo(() => enumLabelIndex(types), [types]);
  // the impact moves on while the page is open (the simulation runs, ends, is re-run): kept apart from the review so the canvas stays
  const [impact, setImpact] = useState<ReviewImpact | undefined>(review.impact);
  useEffect(() => setImpact(review.impact), [review]);
  const [impactOpened, setImpactOpened] = useState(false); // the approve button waits until the simulation is done and its report opened
  const { it } = useImpactT();
  const blocked = approveBlockedBy(impact, impactOpened);

  async function decide(kind: 'approve' | 'reject') {
    if (kind === 'reject' && !comment.trim()) {
      // the author reads why: ask for it in the field itself, where the cursor goes
      setCommentMissing(true);
      commentField.current?.focus();
      return;
    }
    try {
      if (kind === 'approve') {
        const result = await api.approve(review.id, comment);
        toastStore.show(result.version ? t('review.approved', { version: result.version.version }) : t('review.archivedApproved'), 'success', 5000);
      } else {
        await api.reject(review.id, comment);
        toastStore.show(t('review.rejected'), 'info');
      }
      onDecided();
    } catch (caught) {
      toastStore.show(problemText(caught, locale), 'error', 6000);
    }
  }

  return (
    <div className="review-page">
      <div className="review-side">
        <h1>{t('review.title', { product: lt(product.name) })}</h1>
        <p className="muted small">
          {t('review.productId')}: <code>{product.id}</code>
        </p>
        <p className="small">
          <span className={`badge review-${review.status}`}>{t(`review.status.${review.status}`)}</span> {t(`review.kind.${review.kind}`)}
          {review.rollbackOf ? ` → v${review.rollbackOf}` : ''} · {review.submittedBy} · {formatDateTime(review.submittedAt, locale)}
        </p>
        {review.comment && <blockquote>{review.comment}</blockquote>}
        {review.kind === 'archive' && (
          <p className="form-error" role="note">
            {t('review.archiveNote', { version: review.baseVersion ?? '—' })}
          </p>
        )}
        <ReviewImpactSection reviewId={review.id} impact={impact} canAct={review.status === 'open'} onImpact={setImpact} onOpened={() => setImpactOpened(true)} />
        <h2>{t('diff.title')}</h2>
        <p className="muted small">
          {review.diff.from === null ? t('diff.firstRelease') : t('diff.from', { from: review.diff.from, to: review.diff.to === 'draft' ? t('diff.draft') : review.diff.to })}
        </p>
        <section className="review-notes" aria-label={t('review.warnings', { count: notes?.length ?? 0 })}>
          <h2>{t('review.warnings', { count: notes?.length ?? 0 })}</h2>
          {notes && notes.length === 0 && <p className="muted small">{t('review.noWarnings')}</p>}
          {notes && notes.length > 0 && (
            <ul className="block-problems">
              {notes.map((d, i) => (
                <li key={i} className={`block-problem severity-${d.severity}`} title={d.code}>
                  <SeverityIcon severity={d.severity} /> <span>{diagnosticText(d, locale, data.next, types, labels)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <DiffList diff={review.diff} types={types} document={data.next} previous={data.previous} onFocus={focus} />
        {review.decisionComment && (
          <blockquote>
            {review.decidedBy}: {review.decisionComment}
          </blockquote>
        )}
        {canDecide && (
          <div className="decide stack" role="region" aria-label={t('review.decision')}>
            <label className="field">
              <span>{t('review.decisionComment')}</span>
              <textarea
                ref={commentField}
                rows={3}
                aria-label={t('review.decisionComment')}
                aria-invalid={commentMissing || undefined}
                aria-describedby={commentMissing ? 'decision-comment-error' : undefined}
                value={comment}
                onChange={(e) => {
                  setComment(e.target.value);
                  setCommentMissing(false);
                }}
              />
              {commentMissing && (
                <span className="field-error" id="decision-comment-error" role="alert">
                  {t('review.rejectNeedsComment')}
                </span>
              )}
            </label>
            <div className="dialog-actions">
              <button type="button" className="btn btn-danger" onClick={() => decide('reject')} aria-label={t('review.reject')}>
                {t('review.reject')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => decide('approve')}
                aria-label={t('review.approve')}
                disabled={blocked !== undefined}
                title={blocked && it(blocked)}
                aria-describedby={blocked ? 'approve-blocked' : undefined}
              >
                {t('review.approve')}
              </button>
            </div>
            {blocked && (
              <p id="approve-blocked" className="muted small">
                {it(blocked)}
              </p>
            )}
          </div>
        )}
      </div>
      <div className="review-canvas">
        <FlowCanvas store={store} types={types} decor={view.decor} linkDiff={view.linkDiff} structureLocked fitAll measured={measured} summaries={summaries} />
      </div>
    </div>
  );
}
