import { blockLabelIn } from '../flow-document.ts';
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics.ts';
import { computeSchedule, toLoanMathFee, type ScheduleRequest } from '../loan-math/index.ts';
import { Decimal, roundTo } from '../money.ts';
import type { RepaymentMethod, RepaymentTerms } from '../offer-parts.ts';
import type { RepresentativeExample } from '../product-definition.ts';
import type { ProductMeta } from '../product-meta.ts';
import { text } from '../text.ts';
import type { CompiledBlock } from './blocks-pass.ts';
import { diagnostic } from './diagnostic.ts';
import { gather, type PathFacts } from './regulatory-lint.ts';

const EXAMPLE_AMOUNT = new Decimal(100_000); // 以借款 10 万元 …
const EXAMPLE_TERM = 12; // … 期限 12 个月 …
const EXAMPLE_METHOD: RepaymentMethod = 'equal-installment'; // … 等额本息为例

const METHOD_NAMES: Record<RepaymentMethod, { zh: string; en: string }> = {
  'equal-installment': { zh: '等额本息', en: 'equal installments' },
  'equal-principal': { zh: '等额本金', en: 'equal principal' },
  'interest-only': { zh: '先息后本', en: 'interest monthly, principal at maturity' },
  bullet: { zh: '到期一次还本付息', en: 'one payment at maturity' },
  flat: { zh: '等本等息', en: 'flat (add-on) interest' },
  revolving: { zh: '随借随还', en: 'repay any time' },
};

/** The amounts a path can approve: the product's range within the path's limit floor and caps, on the product's step. */
function approvable(meta: ProductMeta, facts: PathFacts): { min: Decimal; max: Decimal } | undefined {
  const step = { mode: 'DOWN' as const, unit: meta.amount.step };
  const max = roundTo(facts.limitMax ? Decimal.min(facts.limitMax, meta.amount.max) : new Decimal(meta.amount.max), step);
  const floor = Decimal.max(meta.amount.min, facts.limitMin ?? 0);
  const min = roundTo(floor, { mode: 'UP', unit: meta.amount.step });
  return min.gt(max) || max.lte(0) ? undefined : { min, max };
}

/** 10 万元 / 5,000 元 as a Chinese product sheet writes it; CNY 100,000 in English. */
const zhAmount = (amount: Decimal) => (amount.gte(10000) && amount.mod(10000).isZero() ? `${amount.div(10000).toString()} 万元` : `${Number(amount.toFixed(2)).toLocaleString('en-US')} 元`);
const enAmount = (amount: Decimal) => `CNY ${Number(amount.toFixed(2)).toLocaleString('en-US')}`;

/** The example loan of one path, or undefined when the path cannot make one. */
function pathExample(meta: ProductMeta, facts: PathFacts): RepresentativeExample | undefined {
  const terms = facts.repayment?.terms;
  const range = approvable(meta, facts);
  if (!terms || !range || !facts.baseBlock) return undefined;
  const method: RepaymentMethod = terms.methods.includes(EXAMPLE_METHOD) ? EXAMPLE_METHOD : (terms.defaultMethod as RepaymentMethod);
  const cap = terms.methodMaxTermMonths?.[method];
  const allowed = terms.termsMonths.filter((term) => cap === undefined || term <= cap);
  if (!allowed.length) return undefined;
  const termMonths = allowed.includes(EXAMPLE_TERM) ? EXAMPLE_TERM : allowed.reduce((best, term) => (Math.abs(term - EXAMPLE_TERM) < Math.abs(best - EXAMPLE_TERM) ? term : best));
  const amount = Decimal.min(Decimal.max(EXAMPLE_AMOUNT, range.min), range.max);
  const annualRate = facts.rateMin.toFixed(4);
  const request = exampleRequest(amount, annualRate, method, termMonths, terms, facts);
  const schedule = computeSchedule(request);
  const simple = new Decimal(schedule.apr.simple).toFixed(2);
  const name = METHOD_NAMES[method];
  return {
    amount: amount.toFixed(2),
    termMonths,
    method,
    annualRate,
    apr: schedule.apr,
    fees: schedule.totals.fees,
    text: text(
      `以借款 ${zhAmount(amount)}、期限 ${termMonths} 个月、${name.zh}为例，年化利率（单利）${simple}%`,
      `Example: borrowing ${enAmount(amount)} over ${termMonths} months, ${name.en}: annualised rate (simple) ${simple} %`,
    ),
  };
}

/**
 * The loan-math request of an example: regular months from no particular date (30/360, as a
 * product sheet computes it), the path's own fees, its frequency; a revolving line as one draw
 * repaid at the end with monthly interest.
 */
function exampleRequest(amount: Decimal, annualRate: string, method: RepaymentMethod, termMonths: number, terms: RepaymentTerms, facts: PathFacts): ScheduleRequest {
  const quarterly = terms.frequency === 'quarterly' && method !== 'bullet';
  return {
    principal: amount.toFixed(2),
    annualRate,
    method: method === 'revolving' ? 'interest-only' : method,
    termMonths: quarterly ? Math.max(3, Math.ceil(termMonths / 3) * 3) : termMonths,
    ...(quarterly ? { frequency: 'quarterly' as const } : {}),
    fees: facts.fees.map((fee) => toLoanMathFee(fee.spec)),
  };
}

/**
 * The representative example a channel prints next to the price (PBOC 〔2021〕 No. 3: the
 * annualised rate includes every fee linked to the loan): "以借款 10 万元、期限 12 个月、等额本息为例，
 * 年化利率（单利）x.xx%". 100,000 clamped into what the path can approve (the product's range within
 * its limit floor and caps), 12 months or the nearest allowed term, equal installments when offered
 * (else the default method), at the path's lowest rate, with the path's fees. Of all paths to an
 * offer, the one with the lowest such APR (the "from" price a product sheet shows); undefined when
 * no path can make one.
 */
export function representativeExample(meta: ProductMeta, paths: CompiledBlock[][]): RepresentativeExample | undefined {
  let best: RepresentativeExample | undefined;
  for (const path of paths) {
    const example = pathExample(meta, gather(path));
    if (example && (!best || new Decimal(example.apr.simple).lt(best.apr.simple))) best = example;
  }
  return best;
}

type Add = (code: DiagnosticCode, severity: Severity, block: CompiledBlock, zh: string, en: string) => void;

/** A block's name in a message: its label, or its type's title. */
const titleOf = (block: CompiledBlock, locale: 'zh-CN' | 'en') => `“${blockLabelIn(block.block.label, locale) ?? block.blockType.title[locale]}”`;

/**
 * Warnings where the product's advertised figures contradict what it can do: the advertised rate
 * range (display.aprLabel, fee-free) when the fees put every APR above its lowest figure; the start
 * block's amount range when no path can approve its minimum or reach its maximum; the start block's
 * term range against the repayment blocks' terms. Messages name blocks by title.
 */
export function advertisedLint(meta: ProductMeta, paths: CompiledBlock[][], start: CompiledBlock, advertisedMin: string): Diagnostic[] {
  const found = new Map<string, Diagnostic>();
  const add: Add = (code, severity, block, zh, en) => {
    const key = `${code}:${block.block.id}:${en}`; // the same finding on several paths once; different findings each
    if (!found.has(key)) found.set(key, diagnostic(code, severity, `/blocks/${block.index}`, zh, en, { blockId: block.block.id }));
  };
  const all = paths.map(gather);
  const startZh = titleOf(start, 'zh-CN');
  const startEn = titleOf(start, 'en');

  // 1. amounts: the start block's range against the limit blocks
  const ranges = all.map((facts) => ({ facts, range: approvable(meta, facts) }));
  const lowestApprovable = ranges.reduce<Decimal | undefined>((low, { range }) => (range && (!low || range.min.lt(low)) ? range.min : low), undefined);
  const highestApprovable = ranges.reduce<Decimal | undefined>((high, { range }) => (range && (!high || range.max.gt(high)) ? range.max : high), undefined);
  const limitTitles = (locale: 'zh-CN' | 'en') => [...new Set(all.flatMap((facts) => facts.limitBlocks.map((block) => titleOf(block, locale))))].join(locale === 'en' ? ', ' : '、');
  if (lowestApprovable?.gt(meta.amount.min)) {
    add(
      'AMOUNT_RANGE_UNREACHABLE',
      'warning',
      start,
      `${startZh}的最低借款金额 ${new Decimal(meta.amount.min).toFixed(2)} 元无法获批：额度积木（${limitTitles('zh-CN')}）最低只批 ${lowestApprovable.toFixed(2)} 元`,
      `${startEn} advertises loans from ${new Decimal(meta.amount.min).toFixed(2)}, but the limit blocks (${limitTitles('en')}) approve no less than ${lowestApprovable.toFixed(2)}`,
    );
  }
  if (highestApprovable?.lt(meta.amount.max)) {
    add(
      'AMOUNT_RANGE_UNREACHABLE',
      'warning',
      start,
      `${startZh}的最高借款金额 ${new Decimal(meta.amount.max).toFixed(2)} 元无法达到：额度积木（${limitTitles('zh-CN')}）最高只批 ${highestApprovable.toFixed(2)} 元`,
      `${startEn} advertises loans up to ${new Decimal(meta.amount.max).toFixed(2)}, but the limit blocks (${limitTitles('en')}) approve at most ${highestApprovable.toFixed(2)}`,
    );
  }

  // 2. terms: the start block's range against the repayment blocks (a term outside the range is
  // already the repayment block's CONFIG_INVALID error; here, advertised ends no block offers)
  const offered = all.flatMap((facts) => facts.repayment?.terms.termsMonths ?? []);
  if (offered.length) {
    const shortest = Math.min(...offered);
    const longest = Math.max(...offered);
    if (shortest > meta.termMonths.min || longest < meta.termMonths.max) {
      add(
        'TERM_RANGE_MISMATCH',
        'warning',
        start,
        `${startZh}的期限范围 ${meta.termMonths.min}–${meta.termMonths.max} 个月无法兑现：还款方式积木只提供 ${shortest}–${longest} 个月`,
        `${startEn} advertises terms of ${meta.termMonths.min}–${meta.termMonths.max} months, but the repayment blocks offer only ${shortest}–${longest} months`,
      );
    }
  }

  // 3. the advertised rate: with the product's fees, can any offer's APR be as low as it?
  const lowestApr = all.reduce<{ apr: Decimal; facts: PathFacts } | undefined>((low, facts) => {
    const apr = lowestAprOf(meta, facts);
    return apr && (!low || apr.lt(low.apr)) ? { apr, facts } : low;
  }, undefined);
  if (lowestApr?.apr.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).gt(advertisedMin)) {
    const feeBlock = lowestApr.facts.fees[0]?.block ?? start;
    const apr = lowestApr.apr.toFixed(2);
    add(
      'ADVERTISED_APR_UNREACHABLE',
      'warning',
      feeBlock,
      `展示的年化利率（单利）${advertisedMin}% 不含${titleOf(feeBlock, 'zh-CN')}等费用，任何报价都达不到：含费用的年化利率最低 ${apr}%（中国人民银行公告〔2021〕第 3 号要求年化利率包含所有费用）`,
      `The advertised annualised rate (simple) ${advertisedMin} % leaves out fees such as ${titleOf(feeBlock, 'en')}; no offer can reach it: with fees the lowest APR is ${apr} % (PBOC 2021 No. 3: the annualised rate includes every fee)`,
    );
  }
  return [...found.values()];
}

/** The lowest simple APR a path can give: its lowest rate at the corners of its amounts and terms (flat fees weigh least on large, long loans). */
function lowestAprOf(meta: ProductMeta, facts: PathFacts): Decimal | undefined {
  const terms = facts.repayment?.terms;
  const range = approvable(meta, facts);
  if (!terms || !range || !terms.termsMonths.length) return undefined;
  if (!facts.fees.some(({ spec }) => spec.inApr ?? true)) return facts.rateMin; // no fee in the APR: the rate itself
  let lowest: Decimal | undefined;
  for (const method of terms.methods as RepaymentMethod[]) {
    for (const termMonths of new Set([terms.termsMonths[0], terms.termsMonths[terms.termsMonths.length - 1]])) {
      for (const amount of [range.min, range.max]) {
        const { apr } = computeSchedule(exampleRequest(amount, facts.rateMin.toFixed(4), method, termMonths, terms, facts));
        lowest = lowest?.lte(apr.simple) ? lowest : new Decimal(apr.simple);
      }
    }
  }
  return lowest;
}
