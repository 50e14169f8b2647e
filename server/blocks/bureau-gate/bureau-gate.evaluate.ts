import type { BlockResult, EvaluationInput, ReasonInput } from '../../engine/block-type.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { fieldMissingReason } from '../shared/field-missing.ts';
import type { BureauGateConfig } from '../config-types.generated.ts';

/** One prepared check on one field of applicant.bureau; `reason` is undefined when the value passes. */
export interface BureauCheck {
  field: string; // property of applicant.bureau
  type: 'boolean' | 'number'; // a value of another type counts as missing
  reason(value: never): ReasonInput | undefined;
}

/** What compile makes of the config: the enabled checks, in report order. */
export interface BureauGatePrepared {
  action: 'decline' | 'refer';
  checks: BureauCheck[];
}

const WINDOW_TEXT = { '1m': ['近1个月', 'the last month'], '2m': ['近2个月', 'the last 2 months'], '3m': ['近3个月', 'the last 3 months'], '6m': ['近6个月', 'the last 6 months'] } as const;

const SEVERE = [
  ['badDebt', '呆账', 'bad debt'],
  ['compensation', '代偿', 'a guarantor compensation'],
  ['courtDefaulter', '失信被执行人', 'a court-listed defaulter entry'],
] as const;

/** Turns the config into closures once, so evaluate only reads values and compares. */
export function prepareBureauChecks(config: BureauGateConfig): BureauCheck[] {
  const checks: BureauCheck[] = [];
  const flag = (field: string, code: string, zh: string, en: string): BureauCheck => ({
    field,
    type: 'boolean',
    reason: (value: boolean) => (value ? { code, message: text(zh, en) } : undefined),
  });
  if (config.rejectCurrentOverdue) checks.push(flag('currentOverdue', 'BUREAU_CURRENT_OVERDUE', '征信显示当前有逾期', 'The credit report shows an account currently overdue'));
  const consecutive = config.consecutiveOverdueLimit;
  if (consecutive !== undefined) {
    checks.push({
      field: 'maxConsecutiveOverdue24m',
      type: 'number',
      reason: (value: number) =>
        value >= consecutive
          ? {
              code: 'BUREAU_CONSECUTIVE_OVERDUE',
              message: text(
                `近24个月最长连续逾期 ${value} 期，达到拒绝线 ${consecutive} 期`,
                `The longest consecutive overdue run in 24 months is ${value} periods, at or above the limit of ${consecutive}`,
              ),
            }
          : undefined,
    });
  }
  const cumulative = config.cumulativeOverdueLimit;
  if (cumulative !== undefined) {
    checks.push({
      field: 'totalOverduePeriods24m',
      type: 'number',
      reason: (value: number) =>
        value >= cumulative
          ? {
              code: 'BUREAU_CUMULATIVE_OVERDUE',
              message: text(`近24个月累计逾期 ${value} 期，达到拒绝线 ${cumulative} 期`, `${value} overdue periods in 24 months, at or above the limit of ${cumulative}`),
            }
          : undefined,
    });
  }
  for (const rule of config.inquiryRules) {
    const [zh, en] = WINDOW_TEXT[rule.window];
    checks.push({
      field: `inquiries${rule.window}`,
      type: 'number',
      reason: (value: number) =>
        value > rule.max
          ? {
              code: 'BUREAU_INQUIRIES',
              message: text(`${zh}贷款/信用卡审批查询 ${value} 次，超过上限 ${rule.max} 次`, `${value} loan/card approval inquiries in ${en}, above the maximum of ${rule.max}`),
            }
          : undefined,
    });
  }
  for (const [field, zh, en] of SEVERE) {
    if (config.rejectSevere[field]) checks.push(flag(field, 'BUREAU_SEVERE_RECORD', `征信有${zh}记录`, `The credit report shows ${en}`));
  }
  if (config.maxCardUtilisation !== undefined) {
    const max = new Decimal(config.maxCardUtilisation);
    const maxPercent = max.mul(100).toString();
    checks.push({
      field: 'cardUtilisation',
      type: 'number',
      reason: (value: number) => {
        const used = new Decimal(value);
        if (!used.gt(max)) return undefined;
        const percent = used.mul(100).toDecimalPlaces(1).toString();
        return { code: 'BUREAU_CARD_UTILISATION', message: text(`信用卡使用率 ${percent}%，超过上限 ${maxPercent}%`, `Credit card utilisation is ${percent} %, above the maximum of ${maxPercent} %`) };
      },
    });
  }
  return checks;
}

/** Runs every enabled check and reports all failures; a missing field fails the gate as FIELD_MISSING. */
export function evaluateBureau(prepared: BureauGatePrepared, input: EvaluationInput): BlockResult {
  const bureau = (input.application.applicant as { bureau?: Record<string, unknown> } | undefined)?.bureau;
  const reasons: ReasonInput[] = [];
  const missing: string[] = [];
  const facts: Record<string, unknown> = {};
  for (const check of prepared.checks) {
    const value = bureau?.[check.field];
    if (typeof value !== check.type) {
      missing.push(`applicant.bureau.${check.field}`);
      continue;
    }
    facts[check.field] = value;
    const reason = check.reason(value as never);
    if (reason) reasons.push(reason);
  }
  if (missing.length) {
    const list = missing.join(', ');
    reasons.push(fieldMissingReason(text(`征信信息不完整，缺少 ${list}`, `The credit report is incomplete: ${list} missing`)));
  }
  if (!reasons.length) return { kind: 'gate', passed: true, facts };
  return { kind: 'gate', passed: false, action: prepared.action, reasons, facts };
}
