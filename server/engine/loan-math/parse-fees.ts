import { Decimal } from '../money.ts';
import { describe, isPlainObject, type FieldReader } from './request-fields.ts';
import type { Fee, PeriodicFee, UpfrontFee } from './schedule-request.ts';

const MAX_FEES = 20;
const UPFRONT_BASES = ['amount', 'percent'] as const;
const PERIODIC_BASES = ['amount', 'percentOfPrincipal', 'annualPercentOfPrincipal', 'percentOfInstallment'] as const;
const AMOUNT = { what: 'must be an amount ≥ 0', places: 2, max: '1000000000000' };
const PERCENT = { what: 'must be a percent ≥ 0 (a decimal string such as "1.5")', max: 100 };

/** Validates the `fees` array; `principal` (when valid) bounds the upfront fees. */
export function parseFees(value: unknown, reader: FieldReader, principal: string | undefined): Fee[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_FEES) return reader.fail('/fees', `must be an array of at most ${MAX_FEES} fees`);
  const fees: Fee[] = [];
  value.forEach((item, index) => {
    const fee = parseFee(item, `/fees/${index}`, reader);
    if (fee) fees.push(fee);
  });
  if (fees.length !== value.length) return undefined;
  if (principal !== undefined) {
    const upfront = fees.reduce((sum, fee) => sum.plus(fee.kind === 'upfront' ? upfrontEstimate(fee, principal) : 0), new Decimal(0));
    if (upfront.gte(principal)) return reader.fail('/fees', `upfront fees (${upfront.toFixed(2)}) must be less than the principal`);
  }
  return fees;
}

function parseFee(item: unknown, pointer: string, reader: FieldReader): Fee | undefined {
  if (!isPlainObject(item)) return reader.fail(pointer, `must be a JSON object, got ${describe(item)}`);
  const kind = reader.oneOf(item.kind, `${pointer}/kind`, ['upfront', 'periodic'] as const);
  if (!kind) return undefined;
  const bases: readonly string[] = kind === 'upfront' ? UPFRONT_BASES : PERIODIC_BASES;
  const extra = kind === 'upfront' ? ['deducted'] : [];
  const fields = reader.object(item, pointer, ['kind', ...bases, ...extra, 'code', 'inApr']);
  if (!fields) return undefined;
  const given = bases.filter((basis) => fields[basis] !== undefined);
  if (given.length !== 1) {
    return reader.fail(pointer, `give exactly one of ${bases.join(', ')} (got ${given.length === 0 ? 'none' : given.join(', ')})`);
  }
  const basis = given[0];
  const checked = reader.decimal(fields[basis], `${pointer}/${basis}`, basis === 'amount' ? AMOUNT : PERCENT);
  const fee: Record<string, unknown> = { kind, [basis]: checked };
  for (const flag of [...extra, 'inApr']) {
    if (fields[flag] !== undefined) fee[flag] = reader.boolean(fields[flag], `${pointer}/${flag}`);
  }
  if (fields.code !== undefined) fee.code = reader.string(fields.code, `${pointer}/code`, 64);
  if (Object.values(fee).some((v) => v === undefined)) return undefined;
  return fee as unknown as UpfrontFee | PeriodicFee;
}

function upfrontEstimate(fee: UpfrontFee, principal: string): Decimal {
  return fee.amount !== undefined ? new Decimal(fee.amount) : new Decimal(principal).mul(fee.percent ?? 0).div(100);
}
