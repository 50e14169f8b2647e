import { addMonths, compareDates, formatIsoDate, parseIsoDate } from '../../engine/loan-math/dates.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import { fixedCapTrace } from '../shared/fixed-cap.ts';
import { numberIn, objectIn } from '../shared/fields.ts';
import { moneyDown } from '../shared/money-down.ts';

/** What evaluate needs, built once. */
export interface LandTransferAreaPrepared {
  perMu: Decimal;
  includeContracted: boolean;
  requireRegistered: boolean;
  coverLoanTerm: boolean;
  cap?: LimitCap;
}

const ZERO = new Decimal(0);

/** Why a contract does not count, or null when it does. */
function exclusion(contract: Record<string, unknown>, prepared: LandTransferAreaPrepared, asOf: string, maturity: string): string | null {
  const start = typeof contract.startDate === 'string' ? parseIsoDate(contract.startDate) : undefined;
  const end = typeof contract.endDate === 'string' ? parseIsoDate(contract.endDate) : undefined;
  const day = parseIsoDate(asOf)!;
  if (!start || !end) return 'DATES_MISSING';
  if (prepared.requireRegistered && contract.registered !== true) return 'NOT_REGISTERED';
  if (compareDates(start, day) > 0) return 'NOT_STARTED';
  if (compareDates(end, day) < 0) return 'ENDED';
  if (prepared.coverLoanTerm && compareDates(end, parseIsoDate(maturity)!) < 0) return 'ENDS_BEFORE_MATURITY';
  return null;
}

/**
 * The area cap and every contract's figures. A lease that ends before the loan matures leaves the
 * farmer without the land the harvest repays from, so the bank may refuse to count it.
 */
export function landTransferCap(prepared: LandTransferAreaPrepared, application: Record<string, unknown>, asOf: string, termMonths: number): { cap: LimitCap; facts: Record<string, unknown> } {
  const records = objectIn(objectIn(application, 'farm'), 'countyRecords');
  const contracts = Array.isArray(records.landTransfers) ? (records.landTransfers as unknown[]) : [];
  const maturity = formatIsoDate(addMonths(parseIsoDate(asOf)!, termMonths));
  const contracted = prepared.includeContracted ? (numberIn(records, 'contractedAreaMu') ?? ZERO) : ZERO;
  let transferred = ZERO;
  const contractFacts = contracts.map((entry) => {
    const contract = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const area = numberIn(contract, 'areaMu') ?? ZERO;
    const excluded = exclusion(contract, prepared, asOf, maturity);
    if (excluded === null) transferred = transferred.plus(area);
    return { contractNo: contract.contractNo ?? null, areaMu: area.toString(), endDate: contract.endDate ?? null, counted: excluded === null, excluded };
  });
  const area = contracted.plus(transferred);
  const amount = moneyDown(area.mul(prepared.perMu));
  return {
    cap: {
      amount,
      code: 'LAND_TRANSFER_AREA',
      label: text(`县域确认面积 ${area.toString()} 亩 × 每亩 ${moneyString(prepared.perMu)} 元`, `County-confirmed area ${area.toString()} mu × ${moneyString(prepared.perMu)} per mu`),
    },
    facts: {
      contractedAreaMu: prepared.includeContracted ? contracted.toString() : null,
      contracts: contractFacts,
      transferredAreaMu: transferred.toString(),
      areaMu: area.toString(),
      loanMaturity: maturity,
      landTransferCap: amount,
      ...fixedCapTrace(prepared.cap),
    },
  };
}
