import type { Decision } from '../api/types.ts';
import { ApiError } from '../api/client.ts';
import { DICTIONARIES } from '../i18n/use-t.ts';

/** The offer figures a case may pin from a simulated decision, in the order the dialog lists them. */
export type Figure = 'limit' | 'rateAnnual' | 'aprSimple' | 'firstPayment' | 'totalInterest' | 'termMonths' | 'repaymentMethod';
export const FIGURES: Figure[] = ['limit', 'rateAnnual', 'aprSimple', 'firstPayment', 'totalInterest', 'termMonths', 'repaymentMethod'];
export const MONEY_FIGURES: ReadonlySet<Figure> = new Set(['limit', 'firstPayment', 'totalInterest']);

/** A field of the save-as-test-case form an error can point at. */
export type CaseField = 'id' | 'titleZh' | 'titleEn' | 'reasons' | Figure;

/** Repayment methods the studio has a name for (from the dictionary, so a new method needs no list here). */
export const REPAYMENT_METHODS = Object.keys(DICTIONARIES['zh-CN'])
  .filter((key) => key.startsWith('method.') && key !== 'method.default')
  .map((key) => key.slice('method.'.length));

/** "5.4000" → "5.40" as a rate is written; a case compares at the precision written, so nothing is lost ("3.4575" stays). */
const twoPlaces = (rate: string) => rate.replace(/^(-?\d+\.\d\d\d*?)0+$/, '$1');

/** What the simulator decided, as the text each figure's input starts with. */
export function figuresOf(decision: Decision): Partial<Record<Figure, string>> {
  const offer = decision.offer;
  if (!offer) return {};
  return {
    limit: offer.limit,
    rateAnnual: twoPlaces(offer.rate.annual),
    aprSimple: twoPlaces(offer.apr.simple),
    firstPayment: offer.schedule.rows[0]?.payment,
    totalInterest: offer.schedule.totals.interest,
    termMonths: String(offer.termMonths),
    repaymentMethod: offer.repaymentMethod,
  };
}

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const DECIMAL = /^-?[0-9]{1,13}(\.[0-9]{1,6})?$/;

/** A figure as the author may type it ("¥36,000.00", "36 000") in the decimal form the case stores ("36000.00"). */
export function plainDecimal(text: string): string {
  return text.replace(/[¥￥,，\s]/g, '');
}

/** Each field the author must fix before the case can be saved, with the message key saying why. */
export function checkCase(form: { id: string; titleZh: string; titleEn: string; pinned: Partial<Record<Figure, string>> }): Partial<Record<CaseField, CaseProblem>> {
  const problems: Partial<Record<CaseField, CaseProblem>> = {};
  if (!form.id.trim()) problems.id = 'suite.error.required';
  else if (!ID.test(form.id.trim())) problems.id = 'suite.error.id';
  if (!form.titleZh.trim()) problems.titleZh = 'suite.error.required';
  if (!form.titleEn.trim()) problems.titleEn = 'suite.error.required';
  for (const [name, value] of Object.entries(form.pinned) as [Figure, string][]) {
    if (name === 'repaymentMethod') continue;
    if (name === 'termMonths') {
      if (!/^[1-9][0-9]{0,2}$/.test(value.trim())) problems[name] = 'suite.error.months';
    } else if (!DECIMAL.test(plainDecimal(value))) problems[name] = MONEY_FIGURES.has(name) ? 'suite.error.money' : 'suite.error.rate';
  }
  return problems;
}

export type CaseProblem = 'suite.error.required' | 'suite.error.id' | 'suite.error.exists' | 'suite.error.money' | 'suite.error.rate' | 'suite.error.months' | 'suite.error.invalid';

/** The form field a server problem's JSON pointer names (`/testCase/expected/offer/limit` → limit). */
export function fieldOfPointer(pointer: string): CaseField | undefined {
  const path = pointer.replace(/^\/testCase/, '');
  if (path === '/id') return 'id';
  if (path === '/title/en') return 'titleEn';
  if (path.startsWith('/title')) return 'titleZh';
  if (path.startsWith('/expected/reasonCodes')) return 'reasons';
  const figure = /^\/expected\/offer\/(\w+)/.exec(path)?.[1];
  return figure && (FIGURES as string[]).includes(figure) ? (figure as Figure) : undefined;
}

/** A refused save as problems on the fields it names; what names no field is returned apart, as the server said it. */
export function problemsOfError(error: unknown): { fields: Partial<Record<CaseField, CaseProblem>>; other?: string } {
  if (!(error instanceof ApiError)) return { fields: {}, other: String(error) };
  const fields: Partial<Record<CaseField, CaseProblem>> = {};
  const unplaced: string[] = [];
  for (const problem of (error.body.errors ?? []) as { pointer: string; message: string }[]) {
    const field = fieldOfPointer(problem.pointer);
    if (!field) unplaced.push(`${problem.pointer} ${problem.message}`);
    else if (error.code === 'TEST_CASE_EXISTS') fields[field] = 'suite.error.exists';
    else if (field === 'id') fields[field] = 'suite.error.id';
    else if (field === 'termMonths') fields[field] = 'suite.error.months';
    else if (MONEY_FIGURES.has(field as Figure)) fields[field] = 'suite.error.money';
    else fields[field] = 'suite.error.invalid';
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, ...(unplaced.length || !placed ? { other: `${error.code}: ${error.detail}${unplaced.length ? ` — ${unplaced.join('; ')}` : ''}` } : {}) };
}
