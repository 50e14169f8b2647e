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

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether `text` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/**
 * A calendar date (YYYY-MM-DD) as the project writes it in both languages: 2026-12-03 (unambiguous,
 * sorts as text, and what the bank's systems exchange). `locale` stays in the signature so callers
 * need not change if a language ever needs its own form.
 */
export function formatDate(value: string | undefined, _locale: Locale): string {
  if (!value) return '—';
  return value;
}

/** A timestamp in the viewer's time zone, the same in both languages: 2026-12-03 08:40. */
export function formatDateTime(value: string | undefined, locale: Locale): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${formatDate(day, locale)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
