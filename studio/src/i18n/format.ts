import type { Locale } from '../api/types.ts';

const money = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/** Money as money: "1050000" → "¥1,050,000.00". Decimal strings stay exact up to 15 digits. */
export function formatMoney(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '—';
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? money.format(number) : String(value);
}

/** An annual rate in percent ("3.4500") as "3.45%". */
export function formatRate(value: string | number | undefined | null, digits = 2): string {
  if (value === undefined || value === null || value === '') return '—';
  const number = Number(value);
  return Number.isFinite(number) ? `${number.toFixed(digits)}%` : String(value);
}

/** Basis points with a sign: "-15 bp". */
export function formatBp(value: number): string {
  return `${value > 0 ? '+' : ''}${value} bp`;
}

/** A timestamp in the UI language. */
export function formatDateTime(value: string | undefined, locale: Locale): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}
