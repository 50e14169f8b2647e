import type { ScheduleRow } from '../api/types.ts';
import { formatMoney } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

/** 期数, 还款日, 月供, 本金, 利息, 剩余本金 — with totals. */
export function ScheduleTable({ rows, totals }: { rows: ScheduleRow[]; totals: { payment: string; principal: string; interest: string } }) {
  const { t } = useT();
  return (
    <div className="table-scroll schedule">
      <table className="table numeric" aria-label={t('sim.schedule')}>
        <thead>
          <tr>
            <th>{t('sim.period')}</th>
            <th>{t('sim.dueDate')}</th>
            <th>{t('sim.payment')}</th>
            <th>{t('sim.principal')}</th>
            <th>{t('sim.interest')}</th>
            <th>{t('sim.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period}>
              <td>{row.period}</td>
              <td>{row.dueDate ?? '—'}</td>
              <td>{formatMoney(row.due ?? row.payment)}</td>
              <td>{formatMoney(row.principal)}</td>
              <td>{formatMoney(row.interest)}</td>
              <td>{formatMoney(row.balance)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={2}>{t('sim.totals')}</th>
            <td>{formatMoney(totals.payment)}</td>
            <td>{formatMoney(totals.principal)}</td>
            <td>{formatMoney(totals.interest)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
