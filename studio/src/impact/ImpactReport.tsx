import { lazy, Suspense, useState, type ComponentProps } from 'react';
import { ApiError } from '../api/client.ts';
import { TraceCompare } from './TraceCompare.tsx';
import { formatMoney, formatRate } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { SimulationReport } from './impact-api.ts';
import { useImpactT } from './impact-text.ts';
import { labelled, labelledCodes } from './report-labels.ts';

const ImpactCharts = lazy(() => import('./ImpactCharts.tsx')); // ECharts only when a report is opened
const OUTCOMES = ['approve', 'decline', 'refer'] as const;
const SHOWN_CHANGED = 50;

/** The portfolio simulation report: outcomes, transitions, rates by segment and channel, charts, reasons and the applicants who changed. */
export function ImpactReport({
  report,
  reportHash,
  compare,
}: {
  report: SimulationReport;
  reportHash?: string; // the stored report: its CSV exports download from the API (docs/http-api.md)
  compare?: (line: number) => Promise<ComponentProps<typeof TraceCompare>>;
}) {
  const { it, locale } = useImpactT();
  const { t } = useT();
  // a channel by the name the bank gives it (手机银行), its code as the tooltip; an unknown code as it is
  const channelLabel = (code: string) => {
    const key = `channel.${code}` as MessageKey;
    return t(key) === key ? code : t(key);
  };
  const [traces, setTraces] = useState<ComponentProps<typeof TraceCompare> | undefined>();
  const [compareError, setCompareError] = useState('');
  // a refused comparison says why in the UI language (a damaged line map, the rows uploaded again, the portfolio deleted), with the server's code
  const showTraces = (line: number) => {
    setCompareError('');
    compare!(line).then(setTraces, (caught: unknown) => {
      setTraces(undefined);
      const code = caught instanceof ApiError ? caught.code : '';
      const known = (['PORTFOLIO_LINE_MAP_DAMAGED', 'PORTFOLIO_LINES_CHANGED', 'PORTFOLIO_GONE'] as const).find((each) => each === code);
      setCompareError(known ? `${it(`impact.compareError.${known}`)} (${code})` : String(caught));
    });
  };
  const [before, after] = report.versions.length === 2 ? report.versions : [undefined, report.versions[0]];
  const versionName = (role: 'before' | 'after') => it(role === 'before' ? 'impact.before' : 'impact.after');
  // An approval shows its offer; a decline or referral its reasons (label and code), so "拒绝 → 拒绝" rows say what moved.
  const figures = (figure: { outcome: string; limit?: string; apr?: string; reasonCodes?: string[] }) =>
    `${it(`impact.${figure.outcome as 'approve'}`)}${figure.limit ? ` · ${formatMoney(figure.limit)} · ${formatRate(figure.apr)}` : figure.reasonCodes?.length ? `${locale === 'zh-CN' ? '：' : ': '}${labelledCodes(report.labels, figure.reasonCodes, locale)}` : ''}`;
  const groupTable = (kind: 'bySegment' | 'byChannel', label: string, empty: string) => {
    const keys = [...new Set(report.versions.flatMap((v) => v[kind].map((g) => g.key)))];
    return (
      <div className="impact-scroll">
        <table className="impact-table">
          <caption>{it(kind === 'bySegment' ? 'impact.segments' : 'impact.channels')}</caption>
          <thead>
            <tr>
              <th>{label}</th>
              {report.versions.map((v) => (
                <th key={v.role}>{versionName(v.role)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key}>
                <td title={key || undefined}>{!key ? empty : kind === 'byChannel' ? channelLabel(key) : labelled(report.labels, 'segments', key, locale)}</td>
                {report.versions.map((v) => {
                  const group = v[kind].find((g) => g.key === key);
                  return <td key={v.role}>{group ? `${group.approveRate}% (${group.approve.toLocaleString()}/${group.applications.toLocaleString()})` : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  };
  return (
    <section className="impact-report" aria-label={it('impact.title')}>
      {reportHash && (
        <p className="impact-exports small">
          <a className="btn" href={`/api/studio/reports/${encodeURIComponent(reportHash)}/summary.csv`} download>
            {it('impact.exportSummaryCsv')}
          </a>
        </p>
      )}
      <div className="impact-scroll">
        <table className="impact-table impact-outcomes">
          <caption>{it('impact.outcomes')}</caption>
          <thead>
            <tr>
              <th />
              {OUTCOMES.map((o) => (
                <th key={o}>{it(`impact.${o}`)}</th>
              ))}
              <th>{it('impact.approvedTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {report.versions.map((v) => (
              <tr key={v.role}>
                <th scope="row">
                  {versionName(v.role)} · {v.product.version === null ? it('impact.draft') : `v${v.product.version}`}
                </th>
                {OUTCOMES.map((o) => (
                  <td key={o}>
                    {v.outcomes[o].toLocaleString()} ({v.rates[o]}%)
                  </td>
                ))}
                <td>{formatMoney(v.approvedLimitTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.transitions && before && (
        <div className="impact-scroll">
          <table className="impact-table impact-transitions">
            <caption>{it('impact.transitions')}</caption>
            <thead>
              <tr>
                <th />
                {OUTCOMES.map((o) => (
                  <th key={o}>{it(`impact.${o}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {OUTCOMES.map((from) => (
                <tr key={from}>
                  <th scope="row">{it(`impact.${from}`)}</th>
                  {OUTCOMES.map((to) => (
                    <td key={to} className={from !== to && report.transitions![from][to] ? 'moved' : ''}>
                      {report.transitions![from][to].toLocaleString()}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Suspense fallback={<p className="muted small">{it('impact.chartsLoading')}</p>}>
        <ImpactCharts report={report} />
      </Suspense>
      {groupTable('bySegment', it('impact.segment'), it('impact.noSegment'))}
      {groupTable('byChannel', it('impact.channel'), it('impact.noChannel'))}
      <div className="impact-scroll">
        <table className="impact-table">
          <caption>{it('impact.reasons')}</caption>
          <thead>
            <tr>
              <th>{it('impact.reasonCode')}</th>
              {report.versions.map((v) => (
                <th key={v.role}>{versionName(v.role)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {after.reasonCodes.slice(0, 10).map(({ code, count }) => (
              <tr key={code}>
                <td>{labelled(report.labels, 'reasonCodes', code, locale)}</td>
                {before && <td>{(before.reasonCodes.find((r) => r.code === code)?.count ?? 0).toLocaleString()}</td>}
                <td>{count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.changed && report.changed.count > 0 && (
        <div>
          <h3>
            {it('impact.changedList')} ({report.changed.count.toLocaleString()})
          </h3>
          {reportHash && (
            <a className="btn" href={`/api/studio/reports/${encodeURIComponent(reportHash)}/changed.csv`} download>
              {it('impact.exportChangedCsv')}
            </a>
          )}
          <div className="impact-scroll">
            <table className="impact-table impact-changed">
              <thead>
                <tr>
                  <th>{it('impact.line')}</th>
                  <th>{it('impact.applicant')}</th>
                  <th>{it('impact.before')}</th>
                  <th>{it('impact.after')}</th>
                  {compare && <th />}
                </tr>
              </thead>
              <tbody>
                {report.changed.shown.slice(0, SHOWN_CHANGED).map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>{row.applicant || '—'}</td>
                    <td>{figures(row.before)}</td>
                    <td>{figures(row.after)}</td>
                    {compare && (
                      <td>
                        <button type="button" className="btn btn-ghost" onClick={() => showTraces(row.line)}>
                          {it('impact.compare')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {compareError && <p className="form-error small">{compareError}</p>}
          {traces && <TraceCompare {...traces} />}
        </div>
      )}
      {report.badRows.count > 0 && <p className="muted small">{it('impact.badRows', { count: report.badRows.count })}</p>}
    </section>
  );
}
