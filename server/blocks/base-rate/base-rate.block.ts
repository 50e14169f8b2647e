import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal, percentString } from '../../engine/money.ts';
import type { BaseRate } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { BaseRateConfig } from '../config-types.generated.ts';

/** One published LPR fixing of the chosen tenor. */
export interface LprFixing {
  effectiveDate: string; // YYYY-MM-DD the rate took effect (the 20th of a month, or the next working day)
  rate: string; // annual percent, e.g. "3.00"
}

/** What compile makes of the config: the series sorted by date, ready for a binary search. */
export interface PreparedBaseRate {
  mode: 'fixed' | 'lpr';
  fixed?: BaseRate; // fixed mode: the whole contribution, built once
  tenor: '1Y' | '5Y';
  spreadBp: number;
  spread: Decimal; // spreadBp / 100, in percent
  dates: string[]; // ascending effective dates (YYYY-MM-DD compares correctly as text)
  rates: string[]; // rate of dates[i], as configured
}

/** LPR 1Y fixings from shared/domain/regulation.md A3 (the starting series of a new block). */
export const DEFAULT_LPR_1Y: LprFixing[] = [
  { effectiveDate: '2024-07-22', rate: '3.35' },
  { effectiveDate: '2024-10-21', rate: '3.10' },
  { effectiveDate: '2025-05-20', rate: '3.00' },
];

/** Index of the latest fixing on or before `asOf`; -1 when `asOf` precedes the whole series. */
export function latestFixingIndex(dates: readonly string[], asOf: string): number {
  let low = 0;
  let high = dates.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (dates[middle] <= asOf) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** 基准定价: the one base price on a path to an offer — fixed, or LPR + spread. */
export const baseRateBlock = defineBlockType<BaseRateConfig, PreparedBaseRate>({
  type: 'base-rate',
  version: 1,
  title: text('基准定价', 'Base rate'),
  description: text('设定贷款的基础年利率：固定利率，或决策日适用的 LPR 加点。', 'Sets the base annual rate: a fixed rate, or the LPR in force on the decision date plus a spread.'),
  category: 'pricing',
  icon: '％',
  keywords: ['LPR', '加点', 'spread', '利率', 'rate', '定价', 'pricing', 'fixed', '固定利率'],
  defaults: { mode: 'lpr', tenor: '1Y', spreadBp: 45, lprSeries: DEFAULT_LPR_1Y },
  role: 'contributor',
  provides: ['base-rate'],

  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    if (config.mode === 'fixed') {
      const rate = new Decimal(config.fixedRate!);
      if (rate.lte(0)) diagnostics.push({ code: 'CONFIG_INVALID', severity: 'error', pointer: '/fixedRate', message: text('固定利率必须大于 0', 'The fixed rate must be above 0') });
      const annualRate = percentString(rate);
      const fixed: BaseRate = { annualRate, source: 'fixed' };
      return {
        diagnostics,
        reads: [],
        facts: { rateRange: { min: annualRate, max: annualRate } },
        prepared: { mode: 'fixed', fixed, tenor: '1Y', spreadBp: 0, spread: new Decimal(0), dates: [], rates: [] },
      };
    }
    const series = config.lprSeries!.map((fixing, index) => ({ ...fixing, index })).sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
    const duplicate = duplicateCheck((date) => text(`LPR 生效日 ${date} 重复`, `LPR effective date ${date} appears twice`));
    diagnostics.push(...series.flatMap((fixing) => duplicate(fixing.effectiveDate, `/lprSeries/${fixing.index}/effectiveDate`)));
    const spread = new Decimal(config.spreadBp!).div(100);
    const rates = series.map((fixing) => new Decimal(fixing.rate).plus(spread));
    const min = Decimal.min(...rates);
    const max = Decimal.max(...rates);
    if (min.lte(0))
      diagnostics.push({
        code: 'CONFIG_INVALID',
        severity: 'error',
        pointer: '/spreadBp',
        message: text(`LPR 加点后利率 ${percentString(min)}% 不为正`, `LPR plus the spread gives ${percentString(min)} %, which is not positive`),
      });
    return {
      diagnostics,
      reads: [],
      facts: { rateRange: { min: percentString(min), max: percentString(max) } },
      prepared: { mode: 'lpr', tenor: config.tenor!, spreadBp: config.spreadBp!, spread, dates: series.map((f) => f.effectiveDate), rates: series.map((f) => f.rate) },
    };
  },

  evaluate(prepared, { request }) {
    if (prepared.fixed) return { kind: 'contribute', contribution: { baseRate: prepared.fixed }, facts: { source: 'fixed', annualRate: prepared.fixed.annualRate } };
    const found = latestFixingIndex(prepared.dates, request.asOf);
    // A contributor cannot fail: a decision dated before the series uses its earliest fixing (documented in the README).
    const index = Math.max(found, 0);
    const lpr = { tenor: prepared.tenor, rate: prepared.rates[index], effectiveDate: prepared.dates[index] };
    const annualRate = percentString(new Decimal(lpr.rate).plus(prepared.spread));
    return {
      kind: 'contribute',
      contribution: { baseRate: { annualRate, source: 'lpr', lpr, spreadBp: prepared.spreadBp } },
      facts: { asOf: request.asOf, lpr, spreadBp: prepared.spreadBp, annualRate, beforeSeries: found < 0 },
    };
  },

  summarize(config, locale) {
    if (config.mode === 'fixed') return locale === 'zh-CN' ? `固定 ${config.fixedRate}%` : `fixed ${config.fixedRate} %`;
    const sign = (config.spreadBp ?? 0) < 0 ? '−' : '+';
    const spread = Math.abs(config.spreadBp ?? 0);
    return locale === 'zh-CN' ? `${config.tenor} LPR ${sign} ${spread}bp` : `${config.tenor} LPR ${sign} ${spread} bp`;
  },
});
