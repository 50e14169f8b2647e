import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import type { ProductMeta } from '../../engine/product-meta.ts';
import type { RepaymentTerms } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';

const invalid = (pointer: string, zh: string, en: string): BlockDiagnostic => ({ code: 'CONFIG_INVALID', severity: 'error', pointer, message: text(zh, en) });

/** Terms must be ascending and inside the product's term bounds (from the start block). */
export function checkTerms(terms: readonly number[], product: ProductMeta, pointer: string): BlockDiagnostic[] {
  const found: BlockDiagnostic[] = [];
  const { min, max } = product.termMonths;
  terms.forEach((term, index) => {
    if (index > 0 && term <= terms[index - 1])
      found.push(invalid(`${pointer}/${index}`, `期限须从短到长排列：${term} 个月排在 ${terms[index - 1]} 个月之后`, `Terms must be ascending: ${term} months comes after ${terms[index - 1]} months`));
    if (term < min || term > max)
      found.push(invalid(`${pointer}/${index}`, `期限 ${term} 个月超出产品期限范围 ${min}–${max} 个月`, `Term ${term} months is outside the product's term range of ${min}–${max} months`));
  });
  return found;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // 02-29 allowed: it exists in leap years

/** A maturity window may wrap the year end (12-20 … 03-20); its preferred date must lie inside it. */
export function checkMaturityWindow(window: NonNullable<RepaymentTerms['maturityWindow']>, pointer: string): BlockDiagnostic[] {
  const found: BlockDiagnostic[] = [];
  for (const key of ['from', 'to', 'preferred'] as const) {
    const [month, day] = window[key].split('-').map(Number);
    if (day > DAYS_IN_MONTH[month - 1]) found.push(invalid(`${pointer}/${key}`, `日期 ${window[key]} 不存在`, `${window[key]} is not a date`));
  }
  const { from, to, preferred } = window;
  const inside = from <= to ? preferred >= from && preferred <= to : preferred >= from || preferred <= to;
  if (!inside) found.push(invalid(`${pointer}/preferred`, `首选到期日 ${preferred} 不在到期窗口 ${from} 至 ${to} 之内`, `The preferred maturity ${preferred} is outside the window ${from} to ${to}`));
  return found;
}

/** Default method and term must be among the allowed ones, and usable together. */
export function checkDefaults(terms: RepaymentTerms): BlockDiagnostic[] {
  const found: BlockDiagnostic[] = [];
  if (!terms.methods.includes(terms.defaultMethod)) {
    found.push(invalid('/defaultMethod', `默认还款方式 ${terms.defaultMethod} 不在可选方式之中`, `The default method ${terms.defaultMethod} is not among the methods offered`));
  }
  const shortest = terms.termsMonths[0];
  for (const [method, maxTerm] of Object.entries(terms.methodMaxTermMonths ?? {})) {
    if (!terms.methods.includes(method as RepaymentTerms['defaultMethod'])) {
      found.push({
        ...invalid(`/methodMaxTermMonths/${method}`, `${method} 不在可选方式之中，此期限上限不起作用`, `${method} is not offered, so this longest term has no effect`),
        severity: 'warning',
      });
    } else if (maxTerm !== undefined && maxTerm < shortest) {
      found.push(
        invalid(
          `/methodMaxTermMonths/${method}`,
          `${method} 最长 ${maxTerm} 个月，短于最短期限 ${shortest} 个月，无法选用`,
          `${method} is limited to ${maxTerm} months, below the shortest term of ${shortest} months, so it can never be chosen`,
        ),
      );
    }
  }
  if (terms.defaultTermMonths !== undefined) {
    if (!terms.termsMonths.includes(terms.defaultTermMonths)) {
      found.push(invalid('/defaultTermMonths', `默认期限 ${terms.defaultTermMonths} 个月不在可选期限之中`, `The default term of ${terms.defaultTermMonths} months is not among the allowed terms`));
    }
    const defaultMax = terms.methodMaxTermMonths?.[terms.defaultMethod];
    if (defaultMax !== undefined && terms.defaultTermMonths > defaultMax) {
      found.push(
        invalid(
          '/defaultTermMonths',
          `默认方式 ${terms.defaultMethod} 最长 ${defaultMax} 个月，默认期限 ${terms.defaultTermMonths} 个月超出`,
          `The default method ${terms.defaultMethod} allows at most ${defaultMax} months, the default term is ${terms.defaultTermMonths}`,
        ),
      );
    }
  }
  return found;
}
