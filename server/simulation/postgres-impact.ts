import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import { LineMap, storedLineMap } from './line-map.ts';
import { interrupted, jobView, KEPT_JOBS, type JobRecords, type SimulationJob } from './job-records.ts';
import { newestFirst, PORTFOLIO_HASH, PRODUCT_ID, readRestore, readUpload, type PortfolioMeta, type Portfolios, type UploadMeta, type UploadResult } from './portfolio-store.ts';
import type { SimulationReport } from './report.ts';
import { checkReportText, REPORT_HASH, reportText, type Reports } from './report-store.ts';

/** Bytes of JSON lines per stored chunk: big enough to be few rows per portfolio, small enough to hold a few in memory. */
const CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per round trip when rows are read back: at most this many × CHUNK_BYTES in memory. */
const CHUNKS_PER_FETCH = 4;

/**
 * Portfolios in PostgreSQL (migrations 0006, 0007): the description and its line map in `portfolios`, the rows as ordered
 * chunks of the JSON-lines text in `portfolio_chunks`. An upload is one transaction: its chunks are
 * written as the rows are read (bounded memory) and committed with the description once the hash
 * is known; an upload cut short leaves nothing. The same rows uploaded again keep the stored rows
 * and take the new description, as the file store does.
 */
export class PgPortfolios implements Portfolios {
  constructor(private readonly pool: pg.Pool) {}

  async get(productId: string, hash: string): Promise<PortfolioMeta | undefined> {
    if (!PRODUCT_ID.test(productId) || !PORTFOLIO_HASH.test(hash)) return undefined;
    const { rows } = await this.pool.query<{ meta: PortfolioMeta }>('SELECT meta FROM portfolios WHERE product_id = $1 AND hash = $2', [productId, hash]);
    return rows[0] && described(rows[0].meta);
  }

  async list(productId: string): Promise<PortfolioMeta[]> {
    if (!PRODUCT_ID.test(productId)) throw new Error(`not a product id: ${productId}`);
    const { rows } = await this.pool.query<{ meta: PortfolioMeta }>('SELECT meta FROM portfolios WHERE product_id = $1', [productId]);
    return rows.map((row) => described(row.meta)).sort(newestFirst);
  }

  async delete(productId: string, hash: string): Promise<boolean> {
    if (!PRODUCT_ID.test(productId) || !PORTFOLIO_HASH.test(hash)) return false;
    const { rowCount } = await this.pool.query('DELETE FROM portfolios WHERE product_id = $1 AND hash = $2', [productId, hash]); // the chunks go with it (ON DELETE CASCADE)
    return (rowCount ?? 0) > 0;
  }

  async save(source: Readable, meta: UploadMeta): Promise<UploadResult> {
    const lines = LineMap.builder();
    const stored = await this.write(
      meta.productId,
      (write) => readUpload(source, meta, write, lines),
      (result) => result.portfolio,
      () => lines.done(),
      'DO UPDATE SET meta = EXCLUDED.meta, uploaded_at = EXCLUDED.uploaded_at, line_map = EXCLUDED.line_map', // the same rows again: keep them, take the new description and its line map
    );
    return stored.result;
  }

  async lineMap(productId: string, hash: string): Promise<LineMap | undefined> {
    if (!PRODUCT_ID.test(productId) || !PORTFOLIO_HASH.test(hash)) return undefined;
    const { rows } = await this.pool.query<{ line_map: string | null }>('SELECT line_map FROM portfolios WHERE product_id = $1 AND hash = $2', [productId, hash]);
    return rows[0]?.line_map ? storedLineMap(productId, hash, rows[0].line_map) : undefined;
  }

  async restore(meta: PortfolioMeta, rows: Readable, lineMap?: LineMap): Promise<'stored' | 'present'> {
    if (await this.get(meta.productId, meta.hash)) {
      rows.destroy();
      return 'present';
    }
    const { inserted } = await this.write(
      meta.productId,
      (write) => readRestore(rows, meta, write),
      () => meta,
      () => lineMap,
      'DO NOTHING',
    );
    return inserted ? 'stored' : 'present';
  }

  /**
   * One transaction: the lines `fill` gives are written as chunks of about {@link CHUNK_BYTES} while
   * they come (bounded memory), then the description `described` takes from fill's result, with
   * `onConflict` for a portfolio the product already holds (whose rows are kept: the new chunks go).
   * Nothing is left when `fill` throws.
   */
  private async write<T>(
    productId: string,
    fill: (write: (line: string) => Promise<void>) => Promise<T>,
    described: (result: T) => PortfolioMeta,
    lineMap: () => LineMap | undefined,
    onConflict: string,
  ): Promise<{ result: T; inserted: boolean }> {
    if (!PRODUCT_ID.test(productId)) throw new Error(`not a product id: ${productId}`);
    const client = await this.pool.connect();
    const rowsId = randomUUID();
    let chunk = 0;
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!pending.length) return;
      const lines = pending.join('');
      pending = [];
      pendingBytes = 0;
      await client.query('INSERT INTO portfolio_chunks (rows_id, chunk, lines) VALUES ($1, $2, $3)', [rowsId, chunk++, lines]);
    };
    try {
      await client.query('BEGIN');
      const result = await fill(async (line) => {
        pending.push(line);
        pendingBytes += line.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      });
      await flush();
      const portfolio = described(result);
      const stored = await client.query<{ rows_id: string }>(
        `INSERT INTO portfolios (product_id, hash, rows_id, meta, uploaded_at, line_map) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (product_id, hash) ${onConflict} RETURNING rows_id`,
        [portfolio.productId, portfolio.hash, rowsId, JSON.stringify(portfolio), portfolio.uploadedAt, lineMap()?.toText() ?? null],
      );
      const inserted = stored.rows[0]?.rows_id === rowsId;
      if (!inserted) await client.query('DELETE FROM portfolio_chunks WHERE rows_id = $1', [rowsId]); // already stored: keep those rows
      await client.query('COMMIT');
      return { result, inserted };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * The rows streamed from a cursor (pg-query-stream) on a client of its own, {@link CHUNKS_PER_FETCH}
   * chunks at a time; the client goes back to the pool when the stream ends or is destroyed. One
   * statement, one snapshot: a delete while it is read does not cut the stream short.
   */
  async openRows(productId: string, hash: string): Promise<Readable | undefined> {
    if (!PRODUCT_ID.test(productId) || !PORTFOLIO_HASH.test(hash)) return undefined;
    const found = await this.pool.query<{ rows_id: string }>('SELECT rows_id FROM portfolios WHERE product_id = $1 AND hash = $2', [productId, hash]);
    if (!found.rows[0]) return undefined;
    const client = await this.pool.connect();
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.release(error);
    };
    const chunks = client.query(
      new QueryStream('SELECT lines FROM portfolio_chunks WHERE rows_id = $1 ORDER BY chunk', [found.rows[0].rows_id], { batchSize: CHUNKS_PER_FETCH, highWaterMark: CHUNKS_PER_FETCH }),
    );
    const text = new Transform({
      readableObjectMode: false,
      writableObjectMode: true,
      writableHighWaterMark: 1,
      transform: (row: { lines: string }, _encoding, done) => done(null, row.lines),
    });
    chunks.once('error', (error) => {
      release(error); // a failed connection is not put back
      text.destroy(error);
    });
    chunks.once('close', () => release());
    text.once('close', () => chunks.destroy()); // the reader stopped early (cancel, error): close the cursor, free the client
    return chunks.pipe(text);
  }
}

/** The description in the API's field order (jsonb keeps its own key order). */
function described(meta: PortfolioMeta): PortfolioMeta {
  const { hash, productId, name, rows, badRows, uploadedFrom, uploadedBy, uploadedAt, bytes } = meta;
  return { hash, productId, name, rows, badRows, uploadedFrom, uploadedBy, uploadedAt, bytes };
}

/** Reports in `simulation_reports`, by the hash of their text, the text kept byte for byte. */
export class PgReports implements Reports {
  constructor(private readonly pool: pg.Pool) {}

  async write(report: SimulationReport): Promise<string> {
    const { text, hash } = reportText(report);
    await this.pool.query('INSERT INTO simulation_reports (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, text]);
    return hash;
  }

  async read(hash: string): Promise<string | undefined> {
    if (!REPORT_HASH.test(hash)) return undefined;
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM simulation_reports WHERE hash = $1', [hash]);
    return rows[0]?.body;
  }

  async hashes(): Promise<string[]> {
    const { rows } = await this.pool.query<{ hash: string }>('SELECT hash FROM simulation_reports ORDER BY hash COLLATE "C"');
    return rows.map((row) => row.hash);
  }

  async restore(hash: string, text: string): Promise<'stored' | 'present'> {
    checkReportText(hash, text);
    const { rowCount } = await this.pool.query('INSERT INTO simulation_reports (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, text]);
    return rowCount ? 'stored' : 'present';
  }

  async remove(hash: string): Promise<void> {
    await this.pool.query('DELETE FROM simulation_reports WHERE hash = $1', [hash]);
  }
}

/** After this long without a heartbeat a running job's process is taken as gone (default). */
export const STALE_AFTER_MS = 15_000;

/**
 * Jobs in `simulation_jobs`. The running process's progress writes are its heartbeat (database
 * time, so the processes' clocks need not agree) and read back `cancel_requested`: a cancel
 * through another process is seen within one progress beat (≤ 500 ms). That is polling a row the
 * running process writes anyway, rather than LISTEN/NOTIFY, which would need one more dedicated
 * connection per process and still a fallback for a notification missed while reconnecting.
 */
export class PgJobRecords implements JobRecords {
  constructor(
    private readonly pool: pg.Pool,
    private readonly staleAfterMs = STALE_AFTER_MS,
  ) {}

  async insert(job: SimulationJob): Promise<void> {
    await this.pool.query('INSERT INTO simulation_jobs (id, product_id, status, job, started_at) VALUES ($1, $2, $3, $4, $5)', [job.id, job.productId, job.status, JSON.stringify(job), job.startedAt]);
    await this.pool.query(`DELETE FROM simulation_jobs WHERE status <> 'running' AND id NOT IN (SELECT id FROM simulation_jobs WHERE status <> 'running' ORDER BY started_at DESC LIMIT $1)`, [
      KEPT_JOBS,
    ]);
  }

  async progress(job: SimulationJob): Promise<{ cancelRequested: boolean }> {
    const { rows } = await this.pool.query<{ cancel_requested: boolean }>(
      // a beat after another process took the job for dead (a stall beyond the stale limit) puts it back to running, which it is
      `UPDATE simulation_jobs SET job = $2, status = 'running', heartbeat_at = now()
       WHERE id = $1 AND (status = 'running' OR (status = 'failed' AND job ->> 'error' LIKE 'interrupted: %')) RETURNING cancel_requested`,
      [job.id, JSON.stringify(job)],
    );
    return { cancelRequested: rows[0]?.cancel_requested ?? false };
  }

  async finish(job: SimulationJob): Promise<void> {
    await this.pool.query('UPDATE simulation_jobs SET job = $2, status = $3, heartbeat_at = now() WHERE id = $1', [job.id, JSON.stringify(job), job.status]);
  }

  async get(id: string): Promise<SimulationJob | undefined> {
    const { rows } = await this.pool.query<{ job: SimulationJob; stale: boolean; cancelling: boolean }>(
      `SELECT job, status = 'running' AND heartbeat_at < now() - make_interval(secs => $2 / 1000.0) AS stale, status = 'running' AND cancel_requested AS cancelling
       FROM simulation_jobs WHERE id = $1`,
      [id, this.staleAfterMs],
    );
    if (!rows[0]) return undefined;
    // asked to stop, not yet stopped: the running process reads the request with its next beat and then stores the job cancelled
    if (!rows[0].stale) return jobView(rows[0].cancelling ? { ...rows[0].job, status: 'cancelling' } : rows[0].job);
    const failed = interrupted(rows[0].job, `the process running this simulation stopped (no heartbeat for ${Math.round(this.staleAfterMs / 1000)} s); start it again`);
    // only if it is still stale: a late heartbeat or the final state wins
    const marked = await this.pool.query<{ job: SimulationJob }>(
      `UPDATE simulation_jobs SET job = $2, status = 'failed' WHERE id = $1 AND status = 'running' AND heartbeat_at < now() - make_interval(secs => $3 / 1000.0) RETURNING job`,
      [id, JSON.stringify(failed), this.staleAfterMs],
    );
    return marked.rows[0] ? jobView(marked.rows[0].job) : this.get(id);
  }

  async requestCancel(id: string): Promise<SimulationJob | undefined> {
    await this.pool.query(`UPDATE simulation_jobs SET cancel_requested = true WHERE id = $1 AND status = 'running'`, [id]);
    return this.get(id);
  }
}
