import { addMonths as addCivilMonths, dayInMonthAfter, formatIsoDate, parseIsoDate } from '../loan-math/dates.ts';
import type { RepaymentTerms } from '../offer-parts.ts';

/** Adds months to a valid YYYY-MM-DD date with the loan month-end rule of loan-math/dates.ts. */
export const addMonths = (date: string, months: number): string => formatIsoDate(addCivilMonths(parseIsoDate(date)!, months));

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
  const start = parseIsoDate(asOf)!;
  for (let months = 0; ; months++) {
    const due = dayInMonthAfter(start, months, paymentDay);
    if (due.month % everyMonths !== 0) continue;
    const date = formatIsoDate(due);
    if (date >= maturity) break;
    if (date > asOf) dates.push(date);
  }
  dates.push(maturity);
  return dates;
}
