import type { RepaymentTerms } from '../offer-parts.ts';

/** Adds months to a YYYY-MM-DD date; a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12), month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return iso(year, month + 1, Math.min(d, last));
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * Harvest-aligned maturity (ginger: due in the sale season Dec 20 – Mar 20 after planting,
 * preferably Dec 20). Only a season that opens after the drawdown counts: the season that is
 * closing when the farmer borrows belongs to the last harvest. Within the latest such season that
 * the term reaches, the preferred day when the term reaches it, else the last day the term allows;
 * a term too short to reach any season matures at asOf + term.
 */
export function harvestMaturity(asOf: string, termMonths: number, window: NonNullable<RepaymentTerms['maturityWindow']>): string {
  const latest = addMonths(asOf, termMonths);
  const wraps = window.to < window.from;
  let found: string | undefined;
  for (let year = Number(asOf.slice(0, 4)); year <= Number(latest.slice(0, 4)); year++) {
    const opens = `${year}-${window.from}`;
    const closes = `${wraps ? year + 1 : year}-${window.to}`;
    if (opens <= asOf || opens > latest) continue;
    const preferred = `${window.preferred >= window.from ? year : year + 1}-${window.preferred}`;
    found = preferred <= latest && preferred >= opens && preferred <= closes ? preferred : closes <= latest ? closes : latest;
  }
  return found ?? latest;
}

/**
 * Due dates for a loan with interest every `everyMonths` on `paymentDay` of the calendar quarter
 * months (quarterly: the 20th of Mar/Jun/Sep/Dec) and principal at `maturity`.
 */
export function settlementDates(asOf: string, maturity: string, everyMonths: number, paymentDay: number): string[] {
  const dates: string[] = [];
  const [y, m] = asOf.split('-').map(Number);
  for (let index = y * 12 + (m - 1); ; index++) {
    const year = Math.floor(index / 12), month = index % 12;
    if ((month + 1) % everyMonths !== 0) continue;
    const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const date = iso(year, month + 1, Math.min(paymentDay, last));
    if (date >= maturity) break;
    if (date > asOf) dates.push(date);
  }
  dates.push(maturity);
  return dates;
}
