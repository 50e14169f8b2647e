import { forwardRef, lazy, Suspense } from 'react';
import type { BlockTypeInfo, Decision, FlowDocument, JsonSchema } from '../api/types.ts';
import { CapsView } from './CapsView.tsx';
import { TraceView } from './TraceView.tsx';
import { formatBp, formatMoney, formatRate } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import { ScheduleTable } from './ScheduleTable.tsx';

const ScheduleChart = lazy(() => import('./ScheduleChart.tsx'));

interface Props {
  decision: Decision;
  applicationSchema?: JsonSchema;
  requested?: string;
  document: FlowDocument;
  types: ReadonlyMap<string, BlockTypeInfo>;
  onFocus(blockId: string): void;
  onEdit(): void; // back to the application form
}

/**
 * Outcome badge, reasons, where the limit comes from, the offer (limit, rate, APR simple/compound,
 * fees, subsidy), the path block by block, and the schedule.
 */
export const DecisionView = forwardRef<HTMLElement, Props>(function DecisionView({ decision, applicationSchema, requested, document, types, onFocus, onEdit }, ref) {
  const { t, lt } = useT();
  const offer = decision.offer;
  return (
    <section className="decision" ref={ref} aria-label={t(`sim.outcome.${decision.outcome}`)}>
      <div className="decision-head">
        <div className={`outcome outcome-${decision.outcome}`} data-testid="outcome">
          {t(`sim.outcome.${decision.outcome}`)}
        </div>
        {offer && (
          <span className="decision-headline" data-testid="decision-headline">
            {formatMoney(offer.limit)} · {formatRate(offer.rate.annual)} · {offer.termMonths} {t('unit.months')}
          </span>
        )}
        <button type="button" className="btn btn-ghost small" onClick={onEdit}>
          {t('sim.backToForm')}
        </button>
      </div>
      {decision.reasons.length > 0 && (
        <div>
          <h3>{t('sim.reasons')}</h3>
          <ul className="reasons">
            {decision.reasons.map((reason, i) => (
              <li key={i} className={`reason reason-${reason.action}`}>
                <code>{reason.code}</code> {lt(reason.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {offer && <CapsView offer={offer} {...(requested !== undefined ? { requested } : {})} document={document} types={types} onFocus={onFocus} />}
      {offer && (
        <>
          <h3>{t('sim.offer')}</h3>
          <dl className="offer" data-testid="offer">
            <dt>{t('sim.limit')}</dt>
            <dd data-testid="offer-limit">{formatMoney(offer.limit)}</dd>
            <dt>{t('sim.rate')}</dt>
            <dd data-testid="offer-rate">
              {formatRate(offer.rate.annual)}
              {offer.rate.adjustments.length > 0 && <span className="muted small"> ({formatRate(offer.rate.base.annualRate)} {offer.rate.adjustments.map((a) => formatBp(a.bp)).join(' ')})</span>}
            </dd>
            {offer.borrowerRate && (
              <>
                <dt>{t('sim.borrowerRate')}</dt>
                <dd>{formatRate(offer.borrowerRate)}</dd>
              </>
            )}
            <dt>{t('sim.aprSimple')}</dt>
            <dd data-testid="offer-apr-simple">{formatRate(offer.apr.simple)}</dd>
            <dt>{t('sim.aprCompound')}</dt>
            <dd>{formatRate(offer.apr.compound)}</dd>
            <dt>{t('sim.method')}</dt>
            <dd>
              {t(`method.${offer.repaymentMethod}` as 'method.bullet')} · {offer.termMonths} {t('unit.months')} · {formatMoney(offer.amount)}
            </dd>
            <dt>{t('sim.fees')}</dt>
            <dd>{offer.fees.length ? offer.fees.map((fee) => `${lt(fee.label)} ${formatMoney(fee.amount)}`).join('；') : t('sim.noFees')}</dd>
            {offer.subsidy && (
              <>
                <dt>{lt(offer.subsidy.label)}</dt>
                <dd>{formatMoney(offer.subsidy.amount)}</dd>
              </>
            )}
          </dl>
        </>
      )}
      <TraceView decision={decision} {...(applicationSchema ? { applicationSchema } : {})} document={document} types={types} onFocus={onFocus} />
      {offer && (
        <>
          <h3>{t('sim.schedule')}</h3>
          <Suspense fallback={null}>
            <ScheduleChart rows={offer.schedule.rows} />
          </Suspense>
          <ScheduleTable rows={offer.schedule.rows} totals={offer.schedule.totals} />
        </>
      )}
    </section>
  );
});
