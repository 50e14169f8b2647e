import { Decimal } from '../../engine/money.ts';

/**
 * Reading application fields in evaluate. The application is schema-valid, but optional data may be
 * absent, so every reader answers "missing" (null, undefined or an empty object) instead of throwing;
 * what a missing value means (a cap of 0, no debts, a failed gate) is each block's business rule.
 */

/** A number at a path of the application, split into keys (own properties only); null when missing or not a finite number. */
export function numberAt(application: Record<string, unknown>, path: readonly string[]): Decimal | null {
  let value: unknown = application;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? new Decimal(value) : null;
}

/** A number held directly by `object` under `key` (own property only); null when missing or not a finite number. */
export const numberIn = (object: Record<string, unknown>, key: string): Decimal | null => numberAt(object, [key]);

/** The object the application holds under `key` (e.g. "farm", "collateral"), or an empty one when it has none. */
export function objectIn(application: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = Object.hasOwn(application, key) ? application[key] : undefined;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Whatever value sits at a path split into keys (plain property reads), or undefined when a step on the way is not an object. */
export function valueAt(root: Record<string, unknown>, keys: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
