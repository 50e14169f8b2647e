import { Decimal } from '../money.ts';
import type { ScheduleRequest } from './schedule-request.ts';

/**
 * The nominal annual rate in percent: the fixed rate, or LPR + spread (100 bp = 1 percentage point),
 * e.g. LPR 3.00 + 45 bp = 3.45.
 */
export function resolveAnnualRate(request: Pick<ScheduleRequest, 'annualRate' | 'lpr'>): Decimal {
  if (request.annualRate !== undefined) return new Decimal(request.annualRate);
  if (request.lpr !== undefined) return new Decimal(request.lpr.rate).plus(new Decimal(request.lpr.spreadBp).div(100));
  throw new Error('a schedule request needs annualRate or lpr: validate requests with parseScheduleRequest');
}
