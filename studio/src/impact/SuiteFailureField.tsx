import { DifferenceCells, DifferenceHead } from './DifferenceCells.tsx';
import type { ReasonLabels } from '../api/types.ts';
import type { ReviewImpact } from './impact-api.ts';
import { useImpactT } from './impact-text.ts';
import { CaseErrors } from './CaseErrors.tsx';

export type FailingCases = ReviewImpact['suite']['failing'];

/** Each failing case with its differing fields (field, expected, actual; reason codes with their meaning from `labels`): in the submit dialog, and at the top of the review for the approver. */
export function FailingCasesTable({ failing, labels }: { failing: FailingCases; labels?: ReasonLabels }) {
  const { it, lt } = useImpactT();
  return (
    <table className="impact-table small failing-cases">
      <caption>{it('suite.failing')}</caption>
      <DifferenceHead />
      {failing.map((failure) => (
        <tbody key={failure.id}>
          <tr className="case-title">
            <th colSpan={3} scope="rowgroup">
              {lt(failure.title)} <code className="muted">{failure.id}</code>
            </th>
          </tr>
          {failure.differences.length ? (
            failure.differences.map((difference) => (
              <tr key={difference.field}>
                <DifferenceCells difference={difference} labels={labels} />
              </tr>
            ))
          ) : (
            <tr>
              <td>{it('suite.invalid')}</td>
              <td colSpan={2}>{failure.errors && <CaseErrors errors={failure.errors} />}</td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}

/** In the submit dialog after 422 SUITE_FAILING: each failing case with its differing fields, and the reason the author must give to submit anyway. */
export function SuiteFailureField({ failing, labels, reason, onReason }: { failing: FailingCases; labels?: ReasonLabels; reason: string; onReason(reason: string): void }) {
  const { it } = useImpactT();
  return (
    <div className="suite-failure stack">
      <p className="small">{it('suite.reasonHint')}</p>
      <FailingCasesTable failing={failing} labels={labels} />
      <label className="field">
        <span>{it('suite.reason')}</span>
        <textarea rows={3} aria-label={it('suite.reason')} value={reason} onChange={(e) => onReason(e.target.value)} />
      </label>
    </div>
  );
}
