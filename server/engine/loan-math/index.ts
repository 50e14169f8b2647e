/** Exact loan mathematics: repayment schedules, fees and APR. Pure: exact decimal arithmetic (scaled integers, decimal.js), no I/O. */
export { computeSchedule, type ScheduleOptions, type ScheduleResult, type ScheduleRow } from './schedule.ts';
export { parseScheduleRequest } from './parse-request.ts';
export { toLoanMathFee } from './fee-spec.ts';
export { periodicFeeTotals } from './fees.ts';
export { annualIrrOfPeriods, annualise, annualisedRate, irr, type AnnualisedRate, type AprOptions, type IrrOptions } from './apr.ts';
export type { PeriodYears } from './apr-exact.ts';
export { annuityPayment } from './methods.ts';
export type { Fee, LprPrice, PeriodicFee, RequestError, ScheduleRequest, ScheduleRounding, UpfrontFee } from './schedule-request.ts';
