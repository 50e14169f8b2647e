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
 * Harvest-aligned maturity (ginger: due between Dec 20 and Mar 20, preferably Dec 20): the latest
 * `preferred` day after asOf and no later than asOf + term; else the latest window end in that
 * span; else asOf + term (the term is too short to reach the season).
 */
export function harvestMaturity(asOf: string, termMonths: number, window: NonNullable<RepaymentTerms['maturityWindow']>): string {
  const latest = addMonths(asOf, termMonths);
  const year = Number(latest.slice(0, 4));
  for (const monthDay of [window.preferred, window.to]) {
    const found = [year, year - 1].map((y) => `${y}-${monthDay}`).find((date) => date > asOf && date <= latest);
    if (found) return found;
  }
  return latest;
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
