import type { BlockLabel, BlockTypeInfo, Decision, Locale, ReasonLabels } from '../api/types.ts';
import { blockTitle } from '../canvas/block-name.ts';
import { useCatalog } from '../catalog/use-catalog.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useImpactT } from './impact-text.ts';
import { labelledReasons } from './report-labels.ts';

type Side = { decision?: Decision; errors?: { pointer: string; message: string }[] };
type Step = NonNullable<Decision['trace']>[number];
type Blocks = Record<string, { type: string; label?: BlockLabel }>;

/**
 * One block of the path in the reader's language: block · result, the branch a router took, and the
 * reasons as "label · CODE" as the impact report shows them (a gate's pass/fail port is its result).
 */
const stepText = (step: Step, name: string, labels: ReasonLabels | undefined, locale: Locale) =>
  `${name} · ${translate(locale, `sim.result.${step.result}` as MessageKey)}${step.port && step.result === 'route' ? ` → ${step.port}` : ''}${
    step.reasonCodes?.length ? ` (${labelledReasons(labels, step.reasonCodes, locale)})` : ''
  }`;

/** Both traces of one applicant side by side; steps that differ are marked. `labels`: what the reason codes mean (the server's, for these two decisions). */
export function TraceCompare({ line, before, after, labels, blocks }: { line: number; before: Side; after: Side; labels?: ReasonLabels; blocks?: Blocks }) {
  const { it, locale } = useImpactT();
  const { catalog } = useCatalog();
  // a block as the canvas names it (its own name, else its type's title; its id on hover), the id until the catalog is in
  const name = (step: Step) => {
    const block = blocks?.[step.blockId] ?? { type: step.type };
    const type: BlockTypeInfo | undefined = catalog?.blockTypes.find((candidate) => candidate.type === block.type);
    return catalog || block.label ? blockTitle(block, type, locale) : step.blockId;
  };
  const sides = [before, after].map((side) => (side.decision?.trace ?? []).map((step) => ({ id: step.blockId, text: stepText(step, name(step), labels, locale) })));
  const rows = Math.max(sides[0].length, sides[1].length);
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const outcome = (side: Side) => (side.decision ? it(`impact.${side.decision.outcome}`) : '—');
  return (
    <table className="impact-table trace-compare small" aria-label={it('impact.traces', { line })}>
      <caption>{it('impact.traces', { line })}</caption>
      <thead>
        <tr>
          <th>
            {it('impact.before')}
            {colon}
            {outcome(before)}
          </th>
          <th>
            {it('impact.after')}
            {colon}
            {outcome(after)}
          </th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i} className={sides[0][i]?.text !== sides[1][i]?.text || sides[0][i]?.id !== sides[1][i]?.id ? 'moved' : ''}>
            <td title={sides[0][i]?.id}>{sides[0][i]?.text ?? ''}</td>
            <td title={sides[1][i]?.id}>{sides[1][i]?.text ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
