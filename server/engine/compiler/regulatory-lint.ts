import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics.ts';
import type { FeeSpec, RepaymentTerms } from '../offer-parts.ts';
import type { ProductMeta } from '../product-meta.ts';
import { Decimal } from '../money.ts';
import type { CompiledBlock } from './blocks-pass.ts';
import { diagnostic } from './diagnostic.ts';
import { representativeApr } from './representative-apr.ts';

/** Channels that lend over the internet (internet-lending rules apply): regulation.md A5. */
const ONLINE_CHANNELS = new Set(['app', 'mini-program', 'partner']);
/** Fees the 普惠小微 rules forbid on small and micro business loans (regulation.md A10). */
const FORBIDDEN_INCLUSIVE_FEES = new Set(['COMMITMENT_FEE', 'PREPAYMENT_PENALTY', 'FUND_MANAGEMENT_FEE', 'LATE_DRAW_PENALTY', 'CREDIT_CERTIFICATE_FEE']);

/** What one path to an offer guarantees, gathered from its blocks' static facts. */
export interface PathFacts {
  rateMin: Decimal;
  rateMax: Decimal;
  baseBlock?: CompiledBlock;
  limitMax?: Decimal;
  limitMin?: Decimal; // the highest limit floor on the path
  limitBlocks: CompiledBlock[]; // blocks on the path that cap or floor the limit
  channelCaps: Map<string, Decimal>; // channel → tightest channel cap on the path
  otherChannelsCap?: Decimal; // cap for channels no channel-cap block names
  channelCapBlock?: CompiledBlock;
  fees: { spec: FeeSpec; block: CompiledBlock }[];
  repayment?: { terms: RepaymentTerms; block: CompiledBlock };
  maxAgeAtMaturity?: number;
}

/** What one path to an offer guarantees (rates, limits, fees, repayment), from its blocks' static facts. */
export function gather(path: CompiledBlock[]): PathFacts {
  let baseMin = new Decimal(0), baseMax = new Decimal(0), adjMin = 0, adjMax = 0;
  let floor: Decimal | undefined, ceiling: Decimal | undefined;
  const facts: PathFacts = { rateMin: new Decimal(0), rateMax: new Decimal(0), fees: [], channelCaps: new Map(), limitBlocks: [] };
  for (const compiled of path) {
    const f = compiled.facts;
    if (f.rateRange) { baseMin = new Decimal(f.rateRange.min); baseMax = new Decimal(f.rateRange.max); facts.baseBlock = compiled; }
    if (f.adjustmentBpRange) { adjMin += f.adjustmentBpRange.min; adjMax += f.adjustmentBpRange.max; }
    if (f.rateFloor) floor = floor ? Decimal.max(floor, f.rateFloor) : new Decimal(f.rateFloor);
    if (f.rateCeiling) ceiling = ceiling ? Decimal.min(ceiling, f.rateCeiling) : new Decimal(f.rateCeiling);
    if (f.limitMax) facts.limitMax = facts.limitMax ? Decimal.min(facts.limitMax, f.limitMax) : new Decimal(f.limitMax);
    if (f.limitMin) facts.limitMin = facts.limitMin ? Decimal.max(facts.limitMin, f.limitMin) : new Decimal(f.limitMin);
    if (f.limitMax || f.limitMin) facts.limitBlocks.push(compiled);
    for (const [channel, max] of Object.entries(f.limitMaxByChannel ?? {})) {
      facts.channelCaps.set(channel, Decimal.min(facts.channelCaps.get(channel) ?? max, max));
      facts.channelCapBlock = compiled;
    }
    if (f.limitMaxOtherChannels) facts.otherChannelsCap = Decimal.min(facts.otherChannelsCap ?? f.limitMaxOtherChannels, f.limitMaxOtherChannels);
    for (const spec of f.fees ?? []) facts.fees.push({ spec, block: compiled });
    if (f.repayment) facts.repayment = { terms: f.repayment, block: compiled };
    if (f.maxAgeAtMaturity !== undefined) facts.maxAgeAtMaturity = Math.min(facts.maxAgeAtMaturity ?? Infinity, f.maxAgeAtMaturity);
  }
  const clamp = (rate: Decimal) => {
    let clamped = rate;
    if (floor && clamped.lt(floor)) clamped = floor;
    if (ceiling && clamped.gt(ceiling)) clamped = ceiling;
    return clamped;
  };
  facts.rateMin = clamp(baseMin.plus(new Decimal(adjMin).div(100)));
  facts.rateMax = clamp(baseMax.plus(new Decimal(adjMax).div(100)));
  return facts;
}

/**
 * Regulatory lint (shared/domain/regulation.md): APR red lines, the consumer rate floor,
 * internet-lending amount and bullet-term caps, age + term, legal maximum terms, forbidden fees.
 */
export function regulatoryLint(meta: ProductMeta, paths: CompiledBlock[][], start: CompiledBlock): Diagnostic[] {
  const found = new Map<string, Diagnostic>();
  const add = (code: DiagnosticCode, severity: Severity, block: CompiledBlock, zh: string, en: string) => {
    const key = `${code}:${block.block.id}`;
    if (!found.has(key)) found.set(key, diagnostic(code, severity, `/blocks/${block.index}`, zh, en, { blockId: block.block.id }));
  };
  const online = meta.online ?? meta.channels.some((channel) => ONLINE_CHANNELS.has(channel));
  const consumer = meta.kind === 'consumption';
  const productMax = new Decimal(meta.amount.max);

  for (const path of paths) {
    const facts = gather(path);
    if (consumer) lintOnlineAmount(meta, productMax, facts, start, add);
    const pricing = facts.baseBlock ?? path[path.length - 1];
    const apr = representativeApr(facts.rateMax, facts.fees.map((fee) => fee.spec), facts.repayment?.terms, meta, facts.limitMax);
    if (apr.gt(24)) {
      add('APR_ABOVE_24', 'error', pricing, `最高年化利率（含费用）${apr.toFixed(2)}% 超过 24% 红线`, `The highest annualised rate including fees, ${apr.toFixed(2)} %, is above the 24 % red line`);
    } else if (meta.lprReference && apr.gt(new Decimal(meta.lprReference.rate).mul(4))) {
      const line = new Decimal(meta.lprReference.rate).mul(4).toFixed(2);
      add('APR_ABOVE_4X_LPR', 'warning', pricing, `最高年化利率 ${apr.toFixed(2)}% 超过 4 倍 LPR（${line}%）的司法保护参考线`, `The highest annualised rate, ${apr.toFixed(2)} %, is above 4 × LPR (${line} %), the judicial-protection reference line`);
    }
    if (consumer && facts.rateMin.lt(3)) {
      add('CONSUMER_RATE_BELOW_FLOOR', 'warning', pricing, `消费贷款最低利率 ${facts.rateMin.toFixed(2)}% 低于 3% 自律下限`, `The lowest consumer rate, ${facts.rateMin.toFixed(2)} %, is below the 3 % self-regulatory floor`);
    }
    if (facts.repayment) lintTerms(meta, online, facts.repayment, add);
    lintAge(facts, path, add);
    if (meta.kind !== 'consumption') {
      for (const { spec, block } of facts.fees) {
        if (FORBIDDEN_INCLUSIVE_FEES.has(spec.code)) add('INCLUSIVE_FEE_FORBIDDEN', 'error', block, `普惠小微贷款不得收取 ${spec.label['zh-CN']}（银保监发〔2020〕18号）`, `Inclusive small-business loans may not charge ${spec.label.en} (CBIRC 2020 No. 18)`);
      }
    }
  }
  return [...found.values()];
}

type Add = (code: DiagnosticCode, severity: Severity, block: CompiledBlock, zh: string, en: string) => void;

/**
 * Internet consumer credit: at most 20万 per household (30万 under the 2025 relief). For each online
 * channel of the product, the highest limit a path can reach there: the product maximum, the
 * path's caps, and the channel caps for that channel.
 */
function lintOnlineAmount(meta: ProductMeta, productMax: Decimal, facts: PathFacts, start: CompiledBlock, add: Add): void {
  const channels = meta.online ? meta.channels : meta.channels.filter((channel) => ONLINE_CHANNELS.has(channel));
  for (const channel of channels) {
    let max = facts.limitMax ? Decimal.min(productMax, facts.limitMax) : productMax;
    const channelCap = facts.channelCaps.get(channel) ?? facts.otherChannelsCap;
    if (channelCap) max = Decimal.min(max, channelCap);
    if (max.lte(200000)) continue;
    const where = facts.channelCapBlock ?? start;
    const amount = max.toFixed(0);
    if (max.gt(300000)) {
      add('ONLINE_CONSUMER_AMOUNT_CAP', 'error', where, `互联网个人消费贷款单户上限 20 万元（阶段性放宽至 30 万元），本产品在 ${channel} 渠道最高可达 ${amount} 元：请加“渠道限额”积木`, `Internet consumer credit is capped at 200,000 per household (300,000 under the temporary relief); on the ${channel} channel this product can reach ${amount}: add a channel cap block`);
    } else {
      add('ONLINE_CONSUMER_AMOUNT_CAP', 'warning', where, `互联网个人消费贷款超过 20 万元（${channel} 渠道最高 ${amount} 元）仅在 2025 年阶段性放宽下允许`, `Internet consumer credit above 200,000 (up to ${amount} on the ${channel} channel) is only allowed under the temporary 2025 relief`);
    }
  }
}

function lintTerms(meta: ProductMeta, online: boolean, repayment: NonNullable<PathFacts['repayment']>, add: Add): void {
  const { terms, block } = repayment;
  const longest = Math.max(...terms.termsMonths);
  if (meta.kind === 'consumption' && longest > 60) {
    add('TERM_ABOVE_LEGAL_MAX', longest > 84 ? 'error' : 'warning', block, `消费贷款期限 ${longest} 个月超过 5 年上限${longest > 84 ? '' : '（阶段性放宽至 7 年）'}`, `A consumer term of ${longest} months is above the 5-year maximum${longest > 84 ? '' : ' (7 years under the temporary relief)'}`);
  } else if (meta.kind !== 'consumption' && longest > 120) {
    add('TERM_ABOVE_LEGAL_MAX', 'error', block, `经营性贷款期限 ${longest} 个月超过 10 年上限`, `A business term of ${longest} months is above the 10-year maximum`);
  }
  if (online && meta.kind === 'consumption') {
    for (const method of ['bullet', 'interest-only'] as const) {
      if (!terms.methods.includes(method)) continue;
      const cap = terms.methodMaxTermMonths?.[method] ?? longest;
      if (cap > 12) add('ONLINE_BULLET_OVER_ONE_YEAR', 'error', block, `互联网消费贷款到期一次还本的期限不得超过 1 年（当前最长 ${cap} 个月）`, `An internet consumer loan repaid in one go at maturity may not exceed one year (now up to ${cap} months)`);
    }
  }
}

function lintAge(facts: PathFacts, path: CompiledBlock[], add: Add): void {
  const offer = path[path.length - 1];
  if (facts.maxAgeAtMaturity === undefined) {
    add('AGE_PLUS_TERM', 'info', offer, '这条路径没有检查“年龄 + 期限”', 'This path does not check age plus term');
  } else if (facts.maxAgeAtMaturity > 70) {
    add('AGE_PLUS_TERM', 'warning', offer, `到期年龄上限 ${facts.maxAgeAtMaturity} 岁高于常见的 70 岁`, `The cap on age at maturity, ${facts.maxAgeAtMaturity}, is above the usual 70`);
  }
}
