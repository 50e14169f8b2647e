import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { ProductStatus, Review } from '../api/types.ts';

/** What the editor shows of the product beyond its draft: status, latest version, draft revision, the review. */
export interface ProductStatusView {
  status: ProductStatus;
  latestVersion: number | null;
  revision: number; // the stored draft's revision: higher than the editor's when someone else saved
  updatedBy?: string;
  review?: Review; // the open review, or the last decided one (approved or rejected)
}

/** While a review is open the approver may decide any minute: look often. */
export const REVIEW_POLL_MS = 5_000;
/** Otherwise only a slow look, for a colleague's save. */
export const IDLE_POLL_MS = 30_000;
/** Polling stops this long after the last focus or visibility change (a forgotten tab), until the next one. */
export const POLL_BUDGET_MS = 15 * 60_000;

const sameView = (a: ProductStatusView, b: ProductStatusView) =>
  a.status === b.status && a.latestVersion === b.latestVersion && a.revision === b.revision && a.review?.id === b.review?.id && a.review?.status === b.review?.status;

/** The review the editor should speak of: the open one, else the one decided last. */
function currentReview(reviews: Review[]): Review | undefined {
  const open = reviews.find((review) => review.status === 'open');
  if (open) return open;
  return [...reviews].sort((a, b) => (b.decidedAt ?? b.submittedAt).localeCompare(a.decidedAt ?? a.submittedAt))[0];
}

/**
 * The product's status, latest version, draft revision and review, kept current while the editor
 * is open: after a submit, when the window regains focus or the tab becomes visible (an approver may
 * have decided in another tab or on another desk), every 5 s while a review is open and every 30 s
 * otherwise — only while the tab is visible, and for at most 15 minutes after the last focus. Reads
 * the cheap list endpoint (not the detail, which compiles the draft), and the product's reviews only
 * while one is open or when the status has just changed.
 */
export function useProductStatus(productId: string, initial: ProductStatusView) {
  const [view, setView] = useState<ProductStatusView>(initial);
  const viewRef = useRef(view);
  viewRef.current = view;
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  const [wokeAt, setWokeAt] = useState(() => Date.now());
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const { products } = await api.products();
      const mine = products.find((product) => product.id === productId);
      if (!mine) return;
      const before = viewRef.current;
      const needReview = mine.status === 'in-review' || mine.status !== before.status || before.review?.status === 'open';
      const review = needReview ? currentReview((await api.productReviews(productId)).reviews) : before.review;
      const next: ProductStatusView = { status: mine.status, latestVersion: mine.latestVersion, revision: mine.revision, updatedBy: mine.updatedBy, ...(review ? { review } : {}) };
      setView((current) => (sameView(current, next) ? current : next));
    } catch {
      // offline or signed out: keep what we showed; the next focus tries again
    } finally {
      inFlight.current = false;
    }
  }, [productId]);

  useEffect(() => {
    const wake = () => {
      const shown = document.visibilityState === 'visible';
      setVisible(shown);
      if (!shown) return;
      setWokeAt(Date.now());
      void refresh();
    };
    void refresh(); // the review link and a decision taken while the editor was loading
    window.addEventListener('focus', wake);
    document.addEventListener('visibilitychange', wake);
    return () => {
      window.removeEventListener('focus', wake);
      document.removeEventListener('visibilitychange', wake);
    };
  }, [refresh]);

  const inReview = view.status === 'in-review';
  useEffect(() => {
    if (!visible) return; // a hidden tab asks nothing; becoming visible refreshes at once
    const every = inReview ? REVIEW_POLL_MS : IDLE_POLL_MS;
    const timer = setInterval(() => {
      if (Date.now() - wokeAt > POLL_BUDGET_MS) clearInterval(timer);
      else void refresh();
    }, every);
    return () => clearInterval(timer);
  }, [visible, inReview, wokeAt, refresh]);

  return { ...view, refresh };
}
