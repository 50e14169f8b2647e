import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { LocalizedText, Review, ReviewImpact } from '../api/types.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import { useImpactT } from '../impact/impact-text.ts';

/** The approver's inbox: open reviews. */
export function ReviewsInbox() {
  const { t, lt, locale } = useT();
  const { it } = useImpactT();
  const [reviews, setReviews] = useState<Review[] | undefined>();
  const [names, setNames] = useState<Map<string, LocalizedText>>(new Map());
  const [error, setError] = useState('');
  useEffect(() => {
    api.products().then(
      (body) => setNames(new Map(body.products.map((product) => [product.id, product.name]))),
      () => undefined, // the ids still say which product it is
    );
    api.reviews('open').then(
      (body) => setReviews(body.reviews),
      (caught: Error) => setError(caught.message),
    );
  }, []);
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('review.inbox')}</h1>
      </div>
      {error && <p className="form-error">{error}</p>}
      {!reviews && !error && <p className="muted">{t('app.loading')}</p>}
      {reviews?.length === 0 && <p className="muted">{t('review.none')}</p>}
      {reviews && reviews.length > 0 && (
        <table className="table" aria-label={t('review.inbox')}>
          <thead>
            <tr>
              <th>{t('review.product')}</th>
              <th>{t('review.kind')}</th>
              <th>{t('review.by')}</th>
              <th>{t('review.at')}</th>
              <th>{t('review.comment')}</th>
              <th>{it('impact.inbox')}</th>
              <th aria-label={t('review.open')} />
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id}>
                <td>
                  <strong>{names.has(review.productId) ? lt(names.get(review.productId)) : review.productId}</strong>
                  <div className="muted small">
                    <code>{review.productId}</code>
                  </div>
                </td>
                <td>
                  {t(`review.kind.${review.kind}`)}
                  {review.rollbackOf ? ` → v${review.rollbackOf}` : ''}
                </td>
                <td>{review.submittedBy}</td>
                <td className="small">{formatDateTime(review.submittedAt, locale)}</td>
                <td className="small">{review.comment}</td>
                <td className="small">
                  <ImpactState impact={review.impact} />
                </td>
                <td>
                  <a
                    className="btn"
                    href={`#/reviews/${encodeURIComponent(review.id)}`}
                    aria-label={`${t('review.open')} ${names.has(review.productId) ? lt(names.get(review.productId)) : review.productId}`}
                  >
                    {t('review.open')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** Where the review's impact stands: simulating, unfinished (re-run it), how many applicants change, or no simulation. */
function ImpactState({ impact }: { impact: ReviewImpact | undefined }) {
  const { it } = useImpactT();
  const simulation = impact?.simulation;
  if (!simulation) return <span className="muted">{impact ? it('impact.inbox.none') : '—'}</span>;
  if (simulation.status === 'running') return <span className="badge badge-amber impact-running">{it('impact.inbox.running')}</span>;
  if (simulation.status === 'cancelling') return <span className="badge badge-amber impact-running">{it('impact.inbox.cancelling')}</span>;
  if (simulation.status === undefined || simulation.status === 'done') return <span>{it('impact.inbox.done', { count: simulation.changed.toLocaleString() })}</span>;
  return <span className="badge review-rejected impact-incomplete">{it('impact.inbox.incomplete')}</span>;
}
