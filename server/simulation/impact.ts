import path from 'node:path';
import type pg from 'pg';
import { APPLICATION_SCHEMA_ID, type Catalog } from '../engine/catalog.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { buildEvaluator } from '../engine/runtime/evaluator.ts';
import { runSuite } from '../engine/suite/run-suite.ts';
import type { TestCase } from '../engine/suite/test-case.ts';
import { HttpProblem } from '../http/problem.ts';
import type { ReviewImpact, ReviewPortfolio } from '../store/review-impact.ts';
import type { ProductRecord, PublishedVersion } from '../store/store.ts';
import { dictionariesOf, planColumns } from './portfolio-columns.ts';
import { FileJobRecords } from './job-records.ts';
import { FilePortfolios, type Portfolios } from './portfolio-store.ts';
import { PgJobRecords, PgPortfolios, PgReports } from './postgres-impact.ts';
import { FileReports, type Reports } from './report-store.ts';
import { suiteReasonLabels } from './report-labels.ts';
import { PortfolioError } from './simulate.ts';
import { type JobLogger, SimulationJobs } from './simulation-jobs.ts';

export type { ReviewImpact } from '../store/review-impact.ts';

/** Portfolios, simulation reports and simulation jobs, wherever they are kept (the callers do not know). */
export interface ImpactServices {
  portfolios: Portfolios;
  reports: Reports;
  jobs: SimulationJobs;
  threads?: number; // simulation threads (0 in tests: decide in the calling thread)
}

/** Where the impact data lives: files under the embedded store's data directory, or the PostgreSQL store's database (shared by its replicas). */
export type ImpactStorage = { dataDir: string } | { pool: pg.Pool; staleAfterMs?: number };

/**
 * The one place that chooses: with PostgreSQL, portfolios, reports and jobs are rows (migration
 * 0006) every process sharing the database sees; with the embedded store, portfolios under
 * `<dataDir>/portfolios`, reports under `<dataDir>/reports` and jobs under `<dataDir>/jobs`.
 */
export function impactServices(storage: ImpactStorage, options: { threads?: number; clock: () => Date; logger?: JobLogger; progressEveryMs?: number }): ImpactServices {
  if ('pool' in storage) {
    const portfolios = new PgPortfolios(storage.pool);
    const reports = new PgReports(storage.pool);
    return { portfolios, reports, jobs: new SimulationJobs(portfolios, reports, new PgJobRecords(storage.pool, storage.staleAfterMs), options), threads: options.threads };
  }
  const portfolios = new FilePortfolios(path.join(storage.dataDir, 'portfolios'));
  const reports = new FileReports(path.join(storage.dataDir, 'reports'));
  const jobs = new SimulationJobs(portfolios, reports, (runningHere) => new FileJobRecords(path.join(storage.dataDir, 'jobs'), runningHere), options);
  return { portfolios, reports, jobs, threads: options.threads };
}

/** A CSV column planner for uploads to a product: the dictionary with the draft's own fields. */
export function columnPlanner(catalog: Catalog, document: ProductRecord['document']) {
  return (header: string[]) => {
    const start = document.blocks.find((block) => block.type === 'application');
    const pseudo = { start: start?.id ?? '', blocks: start ? [{ id: start.id, config: start.config }] : [] } as unknown as ProductDefinition;
    const { columns, errors } = planColumns(header, dictionariesOf(catalog.schemas.schema(APPLICATION_SCHEMA_ID)!, [pseudo]));
    if (errors.length) throw new PortfolioError(errors);
    return columns;
  };
}

const MAX_FAILING = 50;

/** What a submission's portfolio simulation decides: a stored portfolio, against the published version. */
export interface SimulationPlan {
  portfolio: ReviewPortfolio;
  before: PublishedVersion;
}

/**
 * The suite part of submitting `definition`, and what its simulation will decide: runs the
 * product's suite (its stored cases) and, when a version is published and a portfolio is stored,
 * plans the portfolio's simulation against that version (the route starts it as a job; the
 * submission does not wait for it). A failing suite is refused (422 SUITE_FAILING, with each
 * failing case) unless the author gives a reason.
 */
export async function impactOfSubmission(
  services: ImpactServices,
  catalog: Catalog,
  product: ProductRecord,
  definition: ProductDefinition,
  latest: PublishedVersion | undefined,
  options: { suiteFailureReason?: string; portfolio?: string },
): Promise<{ impact: ReviewImpact; plan?: SimulationPlan }> {
  const run = runSuite(buildEvaluator(definition, catalog), catalog, product.samples as unknown as TestCase[]);
  const failing = run.results
    .filter((result) => result.status !== 'pass')
    .slice(0, MAX_FAILING)
    .map(({ id, title, status, differences, errors }) => ({ id, title, status, differences, ...(errors ? { errors } : {}) }));
  const labels = suiteReasonLabels(definition, failing);
  const reason = options.suiteFailureReason?.trim();
  if (run.failed > 0 && !reason) {
    throw new HttpProblem(422, 'SUITE_FAILING', `${run.failed} of ${run.results.length} test cases fail; fix them or give a reason (suiteFailureReason)`, { failing, labels });
  }
  const coverage = Object.fromEntries(Object.entries(run.coverage).map(([kind, counted]) => [kind, { total: counted.total, reached: counted.reached }])) as ReviewImpact['suite']['coverage'];
  const impact: ReviewImpact = { suite: { cases: run.results.length, passed: run.passed, failed: run.failed, failing, labels, coverage }, ...(run.failed > 0 ? { suiteFailureReason: reason } : {}) };
  if (!latest) return { impact: { ...impact, simulationSkipped: 'no-published-version' } };
  const portfolio = options.portfolio ? await services.portfolios.get(product.id, options.portfolio) : (await services.portfolios.list(product.id))[0];
  if (options.portfolio && !portfolio)
    throw new HttpProblem(422, 'REQUEST_INVALID', 'No such portfolio for this product', { errors: [{ pointer: '/portfolio', message: 'is not a portfolio stored with this product' }] });
  if (!portfolio) return { impact: { ...impact, simulationSkipped: 'no-portfolio' } };
  return { impact, plan: { portfolio: { hash: portfolio.hash, name: portfolio.name, rows: portfolio.rows }, before: latest } };
}
