import { request } from '../api/client.ts';
import type { BlockLabel, Decision, FlowDocument, PortfolioMeta, ReasonLabels, Review, ReviewImpact, SimulationReport, SuiteRun } from '../api/types.ts';

export type { ReviewImpact, SimulationReport, SuiteRun };

/** A suite run as the 测试 tab gets it: each case, the coverage, how many cases, and what the reason codes it names mean. */
export type SuiteRunAnswer = SuiteRun & { cases: number; labels: ReasonLabels };

type TraceSide = { decision?: Decision; errors?: { pointer: string; message: string }[] };

const enc = encodeURIComponent;

/** The studio's calls for test suites, impact reports and submission with a suite-failure reason (docs/http-api.md). */
export const impactApi = {
  /** Opens a review's impact report; the server records that this user opened it (approval waits for it). */
  reviewImpact: (reviewId: string) => request<{ impact: ReviewImpact | null; report: SimulationReport | null }>('GET', `/api/studio/reviews/${enc(reviewId)}/impact`),
  /** One changed applicant of the review's report decided under both versions, with both traces. */
  rowTraces: (reviewId: string, line: number) =>
    request<{ line: number; before: TraceSide; after: TraceSide; labels: ReasonLabels; blocks?: Record<string, { type: string; label?: BlockLabel }> }>(
      'GET',
      `/api/studio/reviews/${enc(reviewId)}/impact/rows/${line}`,
    ),
  /** Cancels the review's running simulation; the review as it reads once the job stopped. */
  cancelImpact: (reviewId: string) => request<Review>('POST', `/api/studio/reviews/${enc(reviewId)}/impact/cancel`, {}),
  /** Runs a failed, cancelled or interrupted simulation of the review again. */
  rerunImpact: (reviewId: string) => request<Review>('POST', `/api/studio/reviews/${enc(reviewId)}/impact/rerun`, {}),
  runSuite: (productId: string, document: FlowDocument) => request<SuiteRunAnswer>('POST', `/api/studio/products/${enc(productId)}/suite-runs`, { document }),
  /** The product's stored portfolios, newest first. */
  portfolios: (productId: string) => request<{ portfolios: PortfolioMeta[] }>('GET', `/api/studio/products/${enc(productId)}/portfolios`),
  /** Submits the draft; `portfolio` names the stored portfolio the impact report decides (default: the newest). */
  submit: (productId: string, comment: string, suiteFailureReason?: string, portfolio?: string) =>
    request<Review>('POST', `/api/studio/products/${enc(productId)}/submit`, { comment, ...(suiteFailureReason ? { suiteFailureReason } : {}), ...(portfolio ? { portfolio } : {}) }),
};
