import type { Condition } from './conditions.ts';
import { DEFAULT_SEED, RATINGS, RULE_FIELDS, SERVING_REGIONS, type CreditFactoryModel, type RuleSpec } from './generate-product.ts';
import { Random } from './prng.ts';

/** One decision request as a channel sends it (POST /api/v1/products/:id/decisions). */
export interface BenchRequest {
  application: Record<string, unknown>;
  requestedAmount?: string;
  termMonths: number;
  repaymentMethod: 'equal-installment' | 'equal-principal' | 'interest-only';
  asOf: string;
  profile: 'clean' | 'refer-trait' | 'decline-trait'; // what the generator planted (not sent)
}

/**
 * The planted mix: 62 % clean applicants, 14 % with one trait that hits a refer rule, 24 % with one
 * trait that hits a decline rule (40 % of those in the admission rules, 60 % among the 3,000
 * approval rules, so declines stop at every depth). The outcome mix the engines then compute is
 * reported by the benchmark (clean applicants are approved, refer traits refer unless an earlier
 * decline rule on the same field also hits).
 */
export const PROFILE_MIX = { clean: 0.62, refer: 0.14, decline: 0.24 };
export const AS_OF = '2026-11-20';

const FIELD_OF = new Map(RULE_FIELDS.map((range) => [range.field, range]));

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const names = path.split('.');
  let at = target;
  for (const name of names.slice(0, -1)) at = (at[name] ??= {}) as Record<string, unknown>;
  at[names[names.length - 1]] = value;
}

const clean = (random: Random, min: number, max: number, step: number) => Number((min + random.int(0, Math.round((max - min) / step)) * step).toFixed(step < 1 ? 2 : 0));

/** Sets fields so that the condition holds (a planted trait). */
function plant(random: Random, application: Record<string, unknown>, condition: Condition): void {
  switch (condition.kind) {
    case 'compare': {
      const step = FIELD_OF.get(condition.field)?.step ?? 1;
      const strict = condition.op === '>' || condition.op === '<';
      const beyond = condition.op.startsWith('>') ? condition.value + (strict ? step : 0) : condition.value - (strict ? step : 0);
      set(application, condition.field, Math.max(0, Number(beyond.toFixed(2))));
      return;
    }
    case 'equals':
      set(application, condition.field, condition.value);
      return;
    case 'in':
      set(application, condition.field, random.pick(condition.values));
      return;
    case 'all':
      for (const part of condition.of) plant(random, application, part);
      return;
  }
}

/** A clean applicant: every field the rules read, inside the clean ranges. */
function cleanApplication(random: Random): Record<string, unknown> {
  const application: Record<string, unknown> = {};
  for (const range of RULE_FIELDS) set(application, range.field, clean(random, range.min, range.max, range.step));
  const income = clean(random, 3000, 60000, 50);
  set(application, 'applicant.monthlyIncome', income);
  set(application, 'applicant.monthlyDebtPayments', clean(random, 0, Math.min(30000, income * 0.5), 50));
  set(application, 'applicant.region', random.pick(SERVING_REGIONS));
  set(application, 'applicant.creditRating', random.pick(RATINGS));
  set(application, 'applicant.employer.category', random.pick(['civil-servant', 'public-institution', 'soe', 'listed', 'private', 'private', 'other', 'other']));
  set(application, 'applicant.payrollMonths', random.chance(0.35) ? random.int(6, 120) : random.int(0, 5));
  set(application, 'applicant.mortgageOnTimeMonths', random.chance(0.3) ? random.int(12, 240) : random.int(0, 11));
  for (const flag of ['currentOverdue', 'badDebt', 'compensation', 'courtDefaulter']) set(application, `applicant.bureau.${flag}`, false);
  set(application, 'business.abnormalOperations', false);
  set(application, 'business.annualTurnover', clean(random, 200000, 8000000, 1000));
  return application;
}

/** `count` decision requests from a seed, valid against the product's application schema. */
export function generateApplications(model: CreditFactoryModel, count = 10_000, seed = DEFAULT_SEED + 1): BenchRequest[] {
  const random = new Random(seed);
  const pickRule = (rules: RuleSpec[], action: 'decline' | 'refer') => {
    const candidates = rules.filter((rule) => rule.action === action);
    return random.pick(candidates);
  };
  const requests: BenchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const application = cleanApplication(random);
    const draw = random.next();
    let profile: BenchRequest['profile'] = 'clean';
    if (draw >= PROFILE_MIX.clean + PROFILE_MIX.refer) {
      profile = 'decline-trait';
      plant(random, application, pickRule(random.chance(0.4) ? model.admission : model.approval, 'decline').condition);
    } else if (draw >= PROFILE_MIX.clean) {
      profile = 'refer-trait';
      plant(random, application, pickRule(random.chance(0.3) ? model.admission : model.approval, 'refer').condition);
    }
    const method = random.chance(0.7) ? 'equal-installment' : random.chance(0.66) ? 'equal-principal' : 'interest-only';
    const termMonths = method === 'interest-only' ? 12 : random.pick(model.terms);
    requests.push({
      application,
      ...(random.chance(0.7) ? { requestedAmount: String(random.int(20, 400) * 1000) } : {}),
      termMonths,
      repaymentMethod: method,
      asOf: AS_OF,
      profile,
    });
  }
  return requests;
}

/** The request without the generator's bookkeeping, as a channel sends it. */
export const wireRequest = ({ profile: _profile, ...request }: BenchRequest) => request;
