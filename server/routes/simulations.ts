import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { type Response, Router } from 'express';
import { maskedIdentifier, requestOfRecord } from '../simulation/portfolio-row.ts';
import { requireRole, signedIn } from '../auth/middleware.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { HttpProblem } from '../http/problem.ts';
import { guardedUpload, refusedUpFront, UploadRefused } from '../http/upload-guard.ts';
import { shanghaiToday } from '../channel/decision-request.ts';
import { buildEvaluator } from '../engine/runtime/evaluator.ts';
import { isIsoDate } from '../engine/runtime/request.ts';
import { runSuite } from '../engine/suite/run-suite.ts';
import type { TestCase } from '../engine/suite/test-case.ts';
import { liveImpact } from '../simulation/review-simulation.ts';
import { finishedSimulation } from '../store/review-impact.ts';
import { columnPlanner } from '../simulation/impact.ts';
import { DamagedLineMap, type LineMap } from '../simulation/line-map.ts';
import { PORTFOLIO_MEDIA_TYPES } from '../simulation/portfolio-records.ts';
import type { SimulationReport } from '../simulation/report.ts';
import { REPORT_CSV_PARTS, reportCsv, type ReportCsvPart } from '../simulation/report-csv.ts';
import { decisionReasonLabels, suiteReasonLabels } from '../simulation/report-labels.ts';
import { checkReportText } from '../simulation/report-store.ts';
import { PortfolioError } from '../simulation/simulate.ts';
import type { SimulationJob } from '../simulation/simulation-jobs.ts';
import type { Review } from '../store/store.ts';
import { hasErrors } from '../studio/compile-service.ts';
import type { StudioContext } from '../studio/context.ts';
import { param, productOr404 } from '../studio/lookup.ts';

/** Roles that may upload, read and delete portfolios (they hold applicants' personal data). Reports are masked and open to every signed-in role. */
export const PORTFOLIO_ROLES = ['author', 'admin'] as const;

const NAME = /^[\p{L}\p{N}\p{P}\p{S} ]{1,120}$/u; // letters, digits, punctuation, symbols and spaces: no control characters

/** Which version a simulation runs: "draft", "published" or a version number. */
type VersionRef = number | 'draft' | 'published';
/** Version numbers are whole numbers of at most 9 digits, as the versions routes read them (PostgreSQL keeps them as `integer`: 2^31 and 1e21 used to reach it and answer 500). */
const MAX_VERSION = 999_999_999;
const isVersionRef = (value: unknown): value is VersionRef => value === 'draft' || value === 'published' || (Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_VERSION);

/**
 * Portfolios (upload CSV or JSON lines, list, delete), simulations between two versions (start,
 * poll progress, cancel) and reports by hash; a review's impact report, whose opening is recorded
 * in the audit log (the approve button waits for it).
 */
export function simulationsRouter(ctx: StudioContext): Router {
  const router = Router();
  const { store } = ctx;
  let uploading = 0; // portfolio uploads this process reads now (bounded by uploadLimits.concurrent)
  const services = () => {
    if (!ctx.impact) throw new HttpProblem(503, 'NO_DATA_DIRECTORY', 'This server keeps no portfolio files (no data directory)');
    return ctx.impact;
  };

  /**
   * A stored report's text, checked against its hash (a file or row edited or damaged by hand would
   * otherwise reach JSON.parse and answer 500): 409 REPORT_DAMAGED, logged, when it is not the
   * report that was written; undefined when there is none.
   */
  const storedReport = async (hash: string): Promise<string | undefined> => {
    const text = await services().reports.read(hash);
    if (text === undefined) return undefined;
    try {
      checkReportText(hash, text);
    } catch (error) {
      ctx.logger.warn({ report: hash, err: (error as Error).message }, 'a stored simulation report is damaged');
      throw new HttpProblem(409, 'REPORT_DAMAGED', 'This simulation report is damaged in the store; run the simulation again', { detail: `report ${hash}: ${(error as Error).message}` });
    }
    return text;
  };

  /** Runs the product's suite on a document (the editor's current one; default the saved draft): each case, the coverage and what the reason codes it names mean. */
  router.post('/products/:id/suite-runs', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    const document = (req.body as { document?: unknown } | undefined)?.document ?? product.document;
    const { product: definition, diagnostics } = await ctx.compiler.compile(document);
    if (!definition || hasErrors(diagnostics)) throw new HttpProblem(422, 'DRAFT_HAS_ERRORS', 'The document does not compile; the suite runs once it does', { diagnostics });
    const run = runSuite(buildEvaluator(definition, ctx.catalog), ctx.catalog, product.samples as unknown as TestCase[]);
    res.json({ ...run, cases: product.samples.length, labels: suiteReasonLabels(definition, run.results) });
  });

  router.get('/products/:id/portfolios', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    res.json({ portfolios: await services().portfolios.list(product.id) });
  });

  router.post('/products/:id/portfolios', requireRole(...PORTFOLIO_ROLES), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    const format =
      PORTFOLIO_MEDIA_TYPES[
        String(req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase()
      ];
    if (!format) throw closing(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the portfolio as text/csv or application/x-ndjson (one decision request per line)');
    const encoding = String(req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    // a compressed body is not inflated here (a small gzip can hold gigabytes): read as rows it would only make bad rows
    if (encoding !== 'identity') throw closing(res, 415, 'UNSUPPORTED_CONTENT_ENCODING', `Send the portfolio uncompressed (Content-Encoding: ${encoding.slice(0, 40)} is not read)`);
    const name = typeof req.query.name === 'string' ? req.query.name.trim() : '';
    if (!NAME.test(name)) throw closing(res, 422, 'REQUEST_INVALID', 'Name the portfolio', { errors: [{ pointer: '/query/name', message: 'must be 1 to 120 characters' }] });
    const portfolios = services().portfolios;
    const early = refusedUpFront(req, ctx.uploadLimits);
    if (early) throw refusal(res, early); // before a byte is read or a file opened
    if (uploading >= ctx.uploadLimits.concurrent) {
      res.setHeader('Retry-After', '10');
      throw closing(res, 429, 'UPLOADS_BUSY', `This server already reads ${ctx.uploadLimits.concurrent} portfolio uploads; send this one when one of them has finished`, {
        limit: { concurrent: ctx.uploadLimits.concurrent },
      });
    }
    uploading += 1;
    const body = guardedUpload(req, ctx.uploadLimits);
    try {
      const result = await portfolios.save(body, {
        productId: product.id,
        name,
        format,
        uploadedBy: user.username,
        now: ctx.clock().toISOString(),
        planColumns: columnPlanner(ctx.catalog, product.document),
      });
      if (result.portfolio.rows === 0) {
        // nothing to decide: a report on it would show zeros an approver could take for "no impact"
        await services().portfolios.delete(product.id, result.portfolio.hash);
        throw new HttpProblem(422, 'PORTFOLIO_EMPTY', 'The portfolio holds no decision request', {
          errors: [{ pointer: '/body', message: result.badRows.length ? `every row is bad (${result.portfolio.badRows})` : 'there is no row' }],
          badRows: result.badRows,
        });
      }
      await store.appendAudit({
        actor: user.username,
        action: 'portfolio.upload',
        productId: product.id,
        detail: { portfolio: result.portfolio.hash, rows: result.portfolio.rows, badRows: result.portfolio.badRows },
      });
      res.status(201).json(result);
    } catch (error) {
      if (!req.complete) {
        // refused before the body's end (a bad header, too many rows): read no more of it
        body.destroy();
        res.setHeader('Connection', 'close');
      }
      if (error instanceof PortfolioError)
        throw new HttpProblem(422, 'PORTFOLIO_HEADER_INVALID', 'The CSV header cannot be read', { errors: error.problems.map((message) => ({ pointer: '/header', message })) });
      if (error instanceof UploadRefused) throw refusal(res, error);
      if (error instanceof RangeError) throw refusal(res, new UploadRefused(413, 'PORTFOLIO_TOO_LARGE', error.message));
      throw error;
    } finally {
      uploading -= 1;
    }
  });

  router.delete('/products/:id/portfolios/:hash', requireRole(...PORTFOLIO_ROLES), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    if (!(await services().portfolios.delete(product.id, param(req, 'hash')))) throw new HttpProblem(404, 'NOT_FOUND', 'Portfolio not found');
    await store.appendAudit({ actor: user.username, action: 'portfolio.delete', productId: product.id, detail: { portfolio: param(req, 'hash') } });
    res.status(204).end();
  });

  router.post('/products/:id/simulations', requireRole('author', 'approver', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    const body = (req.body ?? {}) as { portfolio?: unknown; before?: unknown; after?: unknown; asOf?: unknown };
    const errors: { pointer: string; message: string }[] = [];
    if (typeof body.portfolio !== 'string') errors.push({ pointer: '/portfolio', message: 'is required: the hash of a portfolio stored with this product' });
    if (body.before !== undefined && body.before !== null && !isVersionRef(body.before))
      errors.push({ pointer: '/before', message: `must be "draft", "published", a version number (1 to ${MAX_VERSION}) or null` });
    if (body.after !== undefined && !isVersionRef(body.after)) errors.push({ pointer: '/after', message: `must be "draft", "published" or a version number (1 to ${MAX_VERSION})` });
    if (body.asOf !== undefined && !isIsoDate(body.asOf)) errors.push({ pointer: '/asOf', message: 'must be a calendar date YYYY-MM-DD' }); // 2026-02-30 too: the loan math's own parser decides
    if (errors.length) throw new HttpProblem(422, 'REQUEST_INVALID', 'The request body is invalid', { errors });
    const portfolio = await services().portfolios.get(product.id, body.portfolio as string);
    if (!portfolio)
      throw new HttpProblem(422, 'REQUEST_INVALID', 'No such portfolio for this product', { errors: [{ pointer: '/portfolio', message: 'is not a portfolio stored with this product' }] });
    const after = await resolveVersion(ctx, product.id, (body.after ?? 'draft') as VersionRef, '/after');
    const before = body.before === null ? undefined : await resolveVersion(ctx, product.id, (body.before ?? 'published') as VersionRef, '/before');
    if (services().jobs.runningHere >= ctx.maxRunningSimulations) {
      // each simulation takes a thread per core: a user (or a script) starting them in a loop would starve the decisions of everyone
      res.setHeader('Retry-After', '5');
      throw new HttpProblem(429, 'SIMULATIONS_BUSY', `This server already runs ${ctx.maxRunningSimulations} simulations; start this one when one of them has finished`, {
        limit: { running: ctx.maxRunningSimulations },
      });
    }
    const job = await services().jobs.start({
      productId: product.id,
      portfolio: { hash: portfolio.hash, rows: portfolio.rows },
      definitions: before ? [before.definition, after.definition] : [after.definition],
      versions: { before: before ? before.label : null, after: after.label },
      startedBy: user.username,
      asOf: (body.asOf as string | undefined) ?? shanghaiToday(ctx.clock()),
    });
    res.status(202).setHeader('Location', `/api/studio/simulations/${job.id}`).json(job);
  });

  const found = (job: SimulationJob | undefined): SimulationJob => {
    if (!job) throw new HttpProblem(404, 'NOT_FOUND', 'Simulation not found');
    return job;
  };
  router.get('/simulations/:jobId', requireRole(), async (req, res) => void res.json(found(await services().jobs.get(param(req, 'jobId')))));
  router.delete('/simulations/:jobId', requireRole('author', 'approver', 'admin'), async (req, res) => {
    const job = found(await services().jobs.cancel(param(req, 'jobId')));
    res.status(job.status === 'cancelling' ? 202 : 200).json(job); // 202: another process runs it and stops it within one progress beat
  });

  router.get('/reports/:hash', requireRole(), async (req, res) => {
    const text = await storedReport(param(req, 'hash'));
    if (!text) throw new HttpProblem(404, 'NOT_FOUND', 'Report not found');
    res.type('application/json').send(text);
  });

  /** The report as CSV: `summary.csv` (every aggregate, one figure a row) or `changed.csv` (the changed applicants it lists, masked). */
  router.get('/reports/:hash/:part.csv', requireRole(), async (req, res) => {
    const part = param(req, 'part') as ReportCsvPart;
    if (!REPORT_CSV_PARTS.includes(part)) throw new HttpProblem(404, 'NOT_FOUND', `No such export; the report exports ${REPORT_CSV_PARTS.map((name) => `${name}.csv`).join(' and ')}`);
    const hash = param(req, 'hash');
    const text = await storedReport(hash);
    if (!text) throw new HttpProblem(404, 'NOT_FOUND', 'Report not found');
    res
      .type('text/csv; charset=utf-8')
      .attachment(`impact-${part}-${hash.slice('sha256:'.length, 'sha256:'.length + 12)}.csv`) // the hash was checked to be sha256: and 64 hex digits
      .send(reportCsv(JSON.parse(text) as SimulationReport, part));
  });

  /** The review's impact and its report; opening it is what lets this approver approve. */
  router.get('/reviews/:reviewId/impact', requireRole(), async (req, res) => {
    const user = signedIn(res);
    const review = await store.getReview(param(req, 'reviewId'));
    if (!review) throw new HttpProblem(404, 'NOT_FOUND', 'Review not found');
    const impact = await liveImpact(ctx.impact, review.impact);
    const done = finishedSimulation(impact);
    const report = done ? await storedReport(done.report) : undefined;
    await store.appendAudit({
      actor: user.username,
      action: 'review.impact.open',
      productId: review.productId,
      hashAfter: review.hash,
      detail: { reviewId: review.id, report: done?.report ?? null },
    });
    res.json({ impact: impact ?? null, report: report ? JSON.parse(report) : null });
  });

  /**
   * One changed applicant of a review's report decided again under both versions, with both traces
   * and what their reason codes mean (the after version's wording where the two differ).
   * `line` is the report's: the line of the file that was uploaded, found among the stored rows
   * through the portfolio's line map (a portfolio stored before maps were kept counts its stored rows).
   */
  router.get('/reviews/:reviewId/impact/rows/:line', requireRole(), async (req, res) => {
    const review = await store.getReview(param(req, 'reviewId'));
    const simulation = finishedSimulation(review?.impact);
    if (!review || !simulation) throw new HttpProblem(404, 'NOT_FOUND', 'This review has no impact report');
    const line = Number(param(req, 'line'));
    if (!Number.isInteger(line) || line < 1) throw new HttpProblem(422, 'REQUEST_INVALID', 'Not a line number', { errors: [{ pointer: '/line', message: 'must be a whole number ≥ 1' }] });
    const before = await store.getVersion(review.productId, simulation.against);
    const reportText = await storedReport(simulation.report);
    const rows = before && reportText ? await services().portfolios.openRows(review.productId, simulation.portfolio.hash) : undefined;
    if (!rows || !before || !reportText) throw new HttpProblem(410, 'PORTFOLIO_GONE', 'The portfolio or the version it was compared with is no longer stored');
    const report = JSON.parse(reportText) as { portfolio: { defaultAsOf: string }; changed?: { shown: { line: number; applicant: string }[] } };
    // only the applicants the report lists: the traces hold personal figures (age, income, bureau),
    // and a reviewer may not read the rest of the portfolio line by line (#16 point 7)
    const listed = report.changed?.shown.find((row) => row.line === line);
    let lineMap: LineMap | undefined;
    try {
      lineMap = listed ? await services().portfolios.lineMap(review.productId, simulation.portfolio.hash) : undefined;
    } catch (error) {
      rows.destroy();
      if (!(error instanceof DamagedLineMap)) throw error;
      ctx.logger.warn({ reviewId: review.id, productId: error.productId, portfolio: error.hash, err: error.message }, 'a portfolio’s line map is damaged');
      throw new HttpProblem(409, 'PORTFOLIO_LINE_MAP_DAMAGED', 'Which uploaded line each stored row came from is damaged for this portfolio; upload it again and run the simulation again', {
        detail: error.message,
      });
    }
    const stored = lineMap ? lineMap.storedRow(line) : line;
    if (!listed || stored === undefined) {
      rows.destroy();
      throw new HttpProblem(404, 'NOT_FOUND', `Line ${line} is not among the changed applicants this report lists`);
    }
    const text = await lineOf(rows, stored);
    if (text === undefined) throw new HttpProblem(404, 'NOT_FOUND', `The portfolio has no line ${line}`);
    const { request: parsed } = requestOfRecord({ line, text }, undefined, report.portfolio.defaultAsOf);
    if (!parsed) throw new HttpProblem(422, 'ROW_INVALID', `Line ${line} is not a decision request`);
    // the same rows uploaded again from another file since the report (a new line map), or a report
    // counted in stored rows before maps were kept: never show another applicant's traces under this line
    if (listed.applicant && maskedIdentifier(parsed.application) !== listed.applicant)
      throw new HttpProblem(409, 'PORTFOLIO_LINES_CHANGED', `Line ${line} of the portfolio as now stored is not the applicant the report lists; run the simulation again`);
    const channel = typeof (parsed.application as { channel?: unknown }).channel === 'string' ? (parsed.application as { channel: string }).channel : undefined;
    const decide = (definition: ProductDefinition) => {
      const result = buildEvaluator(definition, ctx.catalog).decide({ ...parsed, channel, trace: true });
      return 'decision' in result ? { decision: result.decision } : { errors: result.errors };
    };
    const sides = { before: decide(before.definition), after: decide(review.definition) };
    const labels = decisionReasonLabels([before.definition, review.definition], [sides.before.decision, sides.after.decision]);
    // the blocks on either path by type and the name the author gave them (the after version's where both have one), so the studio names them as the canvas does
    const onPath = new Set([sides.before, sides.after].flatMap((side) => side.decision?.trace?.map((step) => step.blockId) ?? []));
    const blocks = Object.fromEntries(
      [...before.definition.blocks, ...review.definition.blocks]
        .filter((block) => onPath.has(block.id))
        .map((block) => [block.id, { type: block.type, ...(block.label ? { label: block.label } : {}) }]),
    );
    res.json({ line, ...sides, labels, blocks });
  });

  return router;
}

/**
 * The problem for an upload refused before its end. The answer closes the connection: otherwise Node
 * would read (and discard) whatever the client still sends — a gigabyte, or a trickle for ever.
 */
function refusal(res: Response, refused: UploadRefused): HttpProblem {
  return closing(res, refused.status, refused.code, refused.message, refused.limit ? { limit: refused.limit } : {});
}

/** A problem answered on an upload whose body is not read: the connection closes with the answer. */
function closing(res: Response, ...problem: ConstructorParameters<typeof HttpProblem>): HttpProblem {
  res.setHeader('Connection', 'close');
  return new HttpProblem(...problem);
}

/** The text of a stored portfolio's line `wanted` (1-based), read as a stream up to it (then the stream is let go). */
async function lineOf(rows: Readable, wanted: number): Promise<string | undefined> {
  let line = 0;
  const lines = readline.createInterface({ input: rows, crlfDelay: Infinity });
  try {
    for await (const text of lines) if (++line === wanted) return text;
  } finally {
    lines.close();
    rows.destroy();
  }
  return undefined;
}

async function resolveVersion(ctx: StudioContext, productId: string, ref: VersionRef, pointer: string): Promise<{ definition: ProductDefinition; label: number | 'draft' }> {
  if (ref === 'draft') {
    const product = await productOr404(ctx.store, productId);
    const { product: definition, diagnostics } = await ctx.compiler.compile(product.document);
    if (!definition || hasErrors(diagnostics)) throw new HttpProblem(422, 'DRAFT_HAS_ERRORS', 'The draft does not compile', { diagnostics });
    return { definition, label: 'draft' };
  }
  const version = ref === 'published' ? await ctx.store.latestVersion(productId) : await ctx.store.getVersion(productId, ref);
  if (!version)
    throw new HttpProblem(422, 'REQUEST_INVALID', 'No such version', {
      errors: [{ pointer, message: ref === 'published' ? 'the product has no published version' : `version ${ref} is not published` }],
    });
  return { definition: version.definition, label: version.version };
}

/**
 * Whether this approver opened the review's impact report (recorded by GET /reviews/:id/impact
 * with the report's hash: an opening while the simulation still ran showed no report and does not
 * count). A review without a finished simulation has nothing to open (approval checks that first).
 */
export async function impactOpenedBy(ctx: StudioContext, review: Review, username: string): Promise<boolean> {
  const done = finishedSimulation(review.impact);
  if (!done) return true;
  const events = await ctx.store.listAudit({ productId: review.productId });
  return events.some((event) => event.action === 'review.impact.open' && event.actor === username && event.detail?.reviewId === review.id && event.detail?.report === done.report);
}
