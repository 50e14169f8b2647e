import type { Decision, Locale, ReasonLabels } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useImpactT } from './impact-text.ts';
import { labelledReasons } from './report-labels.ts';

type Side = { decision?: Decision; errors?: { pointer: string; message: string }[] };
type Step = NonNullable<Decision['trace']>[number];

/**
 * One block of the path in the reader's language: block · result, the branch a router took, and the
 * reasons as "label · CODE" as the impact report shows them (a gate's pass/fail port is its result).
 */
const stepText = (step: Step, labels: ReasonLabels | undefined, locale: Locale) =>
  `${step.blockId} · ${translate(locale, `sim.result.${step.result}` as MessageKey)}${step.port && step.result === 'route' ? ` → ${step.port}` : ''}${
    step.reasonCodes?.length ? ` (${labelledReasons(labels, step.reasonCodes, locale)})` : ''
  }`;

/** Both traces of one applicant side by side; steps that differ are marked. `labels`: what the reason codes mean (the server's, for these two decisions). */
export function TraceCompare({ line, before, after, labels }: { line: number; before: Side; after: Side; labels?: ReasonLabels }) {
  const { it, locale } = useImpactT();
  const sides = [before, after].map((side) => (side.decision?.trace ?? []).map((step) => stepText(step, labels, locale)));
  const rows = Math.max(sides[0].length, sides[1].length);
  const outcome = (side: Side) => (side.decision ? it(`impact.${side.decision.outcome}`) : '—');
  return (
    <table className="impact-table trace-compare small" aria-label={it('impact.traces', { line })}>
      <caption>{it('impact.traces', { line })}</caption>
      <thead>
        <tr>
          <th>
            {it('impact.before')}: {outcome(before)}
          </th>
          <th>
            {it('impact.after')}: {outcome(after)}
          </th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i} className={sides[0][i] !== sides[1][i] ? 'moved' : ''}>
            <td>{sides[0][i] ?? ''}</td>
            <td>{sides[1][i] ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
