import type { Locale, ReasonLabels } from '../api/types.ts';
import { formatMoney } from '../i18n/format.ts';
import { DICTIONARIES, translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { IMPACT_TEXT, type ImpactTextKey, useImpactT } from './impact-text.ts';
import { labelledReasons } from './report-labels.ts';

/** A differing field of a test case, as the suite runner reports it: `outcome`, `reasonCodes`, `offer.limit`… */
export interface Difference {
  field: string;
  expected: unknown;
  actual: unknown;
}

/** How each offer figure a case may pin is printed: money, a rate in percent, months or a repayment method. */
const FIGURE_KIND: Record<string, 'money' | 'rate' | 'months' | 'method'> = {
  limit: 'money',
  firstPayment: 'money',
  totalInterest: 'money',
  subsidyAmount: 'money',
  feesTotal: 'money',
  rateAnnual: 'rate',
  aprSimple: 'rate',
  aprCompound: 'rate',
  borrowerRate: 'rate',
  termMonths: 'months',
  repaymentMethod: 'method',
};

const DECIMAL = /^-?\d+(\.\d+)?$/;
const hasText = (key: string): key is ImpactTextKey => Object.hasOwn(IMPACT_TEXT, key);
const hasMessage = (key: string): key is MessageKey => Object.hasOwn(DICTIONARIES['zh-CN'], key);
const text = (locale: Locale, key: ImpactTextKey, months = '') => IMPACT_TEXT[key][locale].replace('{months}', months);

/**
 * A differing field in the reader's language: its label (undefined for a field the studio has no
 * name for), and expected and actual printed as money, rates, outcomes and repayment methods are
 * printed elsewhere in the studio, never as raw JSON ("36000.00" → ¥36,000.00, null → no offer);
 * reason codes with their meaning from `labels` (the server's, for the codes the run names), as the
 * impact report shows them ("不在白名单内 · NOT_ON_WHITELIST").
 */
export function describeDifference(difference: Difference, locale: Locale, labels?: ReasonLabels): { label?: string; expected: string; actual: string } {
  const figure = difference.field.startsWith('offer.') ? difference.field.slice('offer.'.length) : undefined;
  const labelKey = figure ? `suite.figure.${figure}` : `suite.field.${difference.field}`;
  const kind = figure ? FIGURE_KIND[figure] : undefined;
  const print = (value: unknown): string => {
    if (value === null || value === undefined) return text(locale, figure ? 'suite.value.noOffer' : 'suite.value.none');
    const outcomeKey = `impact.${String(value)}`;
    if (difference.field === 'outcome' && hasText(outcomeKey)) return text(locale, outcomeKey);
    if (Array.isArray(value) && !value.length) return text(locale, 'suite.value.none');
    if (Array.isArray(value)) return difference.field === 'reasonCodes' ? labelledReasons(labels, value.map(String), locale) : value.join(locale === 'zh-CN' ? '、' : ', ');
    if (kind === 'money' && DECIMAL.test(String(value))) return formatMoney(String(value));
    if (kind === 'rate' && DECIMAL.test(String(value))) return `${value}%`;
    if (kind === 'months' && Number.isInteger(value)) return text(locale, 'suite.value.months', String(value));
    const methodKey = `method.${String(value)}`;
    if (kind === 'method' && hasMessage(methodKey)) return translate(locale, methodKey);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  return { label: hasText(labelKey) ? text(locale, labelKey) : undefined, expected: print(difference.expected), actual: print(difference.actual) };
}

/** One differing field as the table cells every suite view shows: field (its code, as the case file spells it, on hover), expected, actual. */
export function DifferenceCells({ difference, labels }: { difference: Difference; labels?: ReasonLabels }) {
  const { locale } = useImpactT();
  const { label, expected, actual } = describeDifference(difference, locale, labels);
  return (
    <>
      <td title={difference.field}>{label ?? <code>{difference.field}</code>}</td>
      <td>{expected}</td>
      <td>{actual}</td>
    </>
  );
}

/** The header of every table of differing fields: field, expected, actual. */
export function DifferenceHead() {
  const { it } = useImpactT();
  return (
    <thead>
      <tr>
        <th>{it('suite.field')}</th>
        <th>{it('suite.expected')}</th>
        <th>{it('suite.actual')}</th>
      </tr>
    </thead>
  );
}
