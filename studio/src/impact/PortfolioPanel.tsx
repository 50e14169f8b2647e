import { Upload } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, request } from '../api/client.ts';
import type { PortfolioMeta, SimulationJob } from '../api/types.ts';
import type { SimulationReport } from './impact-api.ts';
import { ImpactReport } from './ImpactReport.tsx';
import { PortfolioSelect } from './PortfolioSelect.tsx';
import { problemMessage, type ServerFieldError } from '../simulator/simulate-problems.ts';
import { useImpactT } from './impact-text.ts';
import { SimulationProgress, useSimulationPolling } from './SimulationProgress.tsx';

const enc = encodeURIComponent;
/** Upload problems said in the UI language (docs/http-api.md). */
const UPLOAD_PROBLEMS = [
  'PORTFOLIO_EMPTY',
  'PORTFOLIO_HEADER_INVALID',
  'PORTFOLIO_TOO_LARGE',
  'PORTFOLIO_UPLOAD_STALLED',
  'PORTFOLIO_UPLOAD_TOO_SLOW',
  'UPLOADS_BUSY',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROLE_REQUIRED',
] as const;
const MIB = 1024 * 1024;

/**
 * Portfolio simulation from the editor: upload a portfolio (CSV or JSON lines), pick one stored
 * with the product, run it on the draft against the published version with a progress bar (count
 * and time left) and a cancel button, then read the impact report.
 */
export function PortfolioPanel({ productId, published }: { productId: string; published: boolean }) {
  const { it, locale } = useImpactT();
  const [portfolios, setPortfolios] = useState<PortfolioMeta[]>([]);
  const [chosen, setChosen] = useState('');
  const [job, setJob] = useState<SimulationJob | undefined>();
  const [report, setReport] = useState<SimulationReport | undefined>();
  const [error, setError] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const fail = useCallback(
    (caught: unknown) =>
      setError(
        caught instanceof ApiError
          ? `${caught.code}: ${caught.detail}${(caught.body.errors ?? []).map((e: ServerFieldError) => ` — ${problemMessage(e.message, locale, e.messageZh)}`).join('')}`
          : String(caught),
      ),
    [],
  );

  const load = useCallback(() => {
    request<{ portfolios: PortfolioMeta[] }>('GET', `/api/studio/products/${enc(productId)}/portfolios`)
      .then(({ portfolios: list }) => {
        setPortfolios(list);
        setChosen((current) => current || list[0]?.hash || '');
      })
      .catch(fail);
  }, [productId, fail]);
  useEffect(load, [load]);

  const onJob = useCallback(
    (next: SimulationJob) => {
      setJob(next);
      if (next.status === 'done' && next.report) request<SimulationReport>('GET', `/api/studio/reports/${enc(next.report)}`).then(setReport, fail);
    },
    [fail],
  );
  useSimulationPolling(job, onJob, fail);

  async function upload(picked: File | undefined) {
    if (!picked) return;
    setError('');
    const type = /\.csv$/i.test(picked.name) ? 'text/csv' : 'application/x-ndjson';
    let response: Response;
    // a problem (code, title, detail, errors, limit) or the stored portfolio with its bad rows
    let body: {
      code?: string;
      title?: string;
      detail?: string;
      errors?: ServerFieldError[];
      limit?: { maxBytes?: number };
      portfolio: { hash: string; badRows: number };
      badRows: { line: number }[];
    };
    try {
      response = await fetch(`/api/studio/products/${enc(productId)}/portfolios?name=${enc(picked.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': type, Accept: 'application/json' },
        body: picked,
        credentials: 'same-origin',
      });
      body = await response.json();
    } catch (caught) {
      // the server may close the connection on a refused upload before the browser read its answer
      return setError(it('portfolio.error.network', { error: String(caught) }));
    }
    if (!response.ok) {
      // what went wrong in the UI language; the server's per-column detail follows for the columns it names
      const known = UPLOAD_PROBLEMS.find((code) => code === body.code);
      const maxBytes = body.limit?.maxBytes;
      const lead =
        known === 'PORTFOLIO_TOO_LARGE' && typeof maxBytes === 'number'
          ? it('portfolio.error.PORTFOLIO_TOO_LARGE_BYTES', { size: `${(maxBytes / MIB).toLocaleString()} MiB` })
          : known
            ? it(`portfolio.error.${known}`)
            : `${body.detail ?? body.title}`;
      return setError(
        `${lead}${(known === 'PORTFOLIO_EMPTY' ? [] : (body.errors ?? [])).map((e: ServerFieldError) => ` — ${problemMessage(e.message, locale, e.messageZh)}`).join('')} (${body.code})`,
      );
    }
    setChosen(body.portfolio.hash);
    if (body.badRows.length)
      setError(
        it('portfolio.badRows', {
          count: body.portfolio.badRows,
          lines: body.badRows
            .slice(0, 10)
            .map((row) => row.line)
            .join(', '),
        }),
      );
    load();
  }

  async function run() {
    setError('');
    setReport(undefined);
    try {
      setJob(await request<SimulationJob>('POST', `/api/studio/products/${enc(productId)}/simulations`, { portfolio: chosen, before: published ? 'published' : null, after: 'draft' }));
    } catch (caught) {
      fail(caught);
    }
  }

  return (
    <div className="portfolio-panel stack">
      <h3>{it('portfolio.title')}</h3>
      <div className="portfolio-upload">
        {/* the browser's own file button speaks the browser's language; ours speaks the studio's */}
        <button type="button" className="btn" onClick={() => file.current?.click()}>
          <Upload size={16} aria-hidden="true" /> {it('portfolio.upload')}
        </button>
        <span className="muted small">{it('portfolio.file')}</span>
        <input
          ref={file}
          type="file"
          hidden
          accept=".csv,.jsonl,.ndjson"
          aria-label={it('portfolio.file')}
          onChange={(e) => {
            void upload(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <PortfolioSelect label={it('portfolio.pick')} portfolios={portfolios} value={chosen} onChange={setChosen} />
      <div className="sim-actions">
        <button type="button" className="btn btn-primary" disabled={!chosen || job?.status === 'running' || job?.status === 'cancelling'} onClick={() => void run()}>
          {it(published ? 'portfolio.runAgainst' : 'portfolio.run')}
        </button>
        {job?.status === 'running' && (
          <button type="button" className="btn btn-danger" onClick={() => void request<SimulationJob>('DELETE', `/api/studio/simulations/${enc(job.id)}`).then(onJob, fail)}>
            {it('portfolio.cancel')}
          </button>
        )}
      </div>
      {job && <SimulationProgress job={job} />}
      {error && <p className="form-error small">{error}</p>}
      {report && <ImpactReport report={report} reportHash={job?.report} />}
    </div>
  );
}
