import { Decimal, isDecimalLike, type DecimalValue } from '../money.ts';
import { parseIsoDate } from './dates.ts';
import type { RequestError } from './schedule-request.ts';

/**
 * Readers for the fields of untrusted JSON. Each returns the value when it is valid, otherwise
 * records an error at the field's JSON pointer and returns undefined. None throws.
 */
export class FieldReader {
  readonly errors: RequestError[] = [];

  fail(pointer: string, message: string): undefined {
    this.errors.push({ pointer, message });
    return undefined;
  }

  /** A decimal string (a JSON number is accepted too) within bounds and with at most `places` decimals. */
  decimal(value: unknown, pointer: string, rule: DecimalRule): string | undefined {
    if (!isDecimalLike(value)) return this.fail(pointer, `${rule.what}, got ${describe(value)}`);
    const text = String(value).trim();
    const number = new Decimal(text);
    const positiveOk = rule.positive ? number.gt(0) : number.gte(rule.min ?? 0);
    if (!positiveOk) return this.fail(pointer, `${rule.what}, got ${describe(value)}`);
    if (rule.max !== undefined && number.gt(rule.max)) return this.fail(pointer, `must be at most ${rule.max}, got ${describe(value)}`);
    if (rule.places !== undefined && number.decimalPlaces() > rule.places) {
      return this.fail(pointer, `must have at most ${rule.places} decimals, got ${describe(value)}`);
    }
    return number.toString();
  }

  integer(value: unknown, pointer: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(pointer, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  /** A real calendar date written YYYY-MM-DD. */
  date(value: unknown, pointer: string): string | undefined {
    if (typeof value !== 'string' || !parseIsoDate(value)) return this.fail(pointer, `must be a date YYYY-MM-DD, got ${describe(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, pointer: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(pointer, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }

  boolean(value: unknown, pointer: string): boolean | undefined {
    if (typeof value !== 'boolean') return this.fail(pointer, `must be true or false, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, pointer: string, maxLength: number): string | undefined {
    if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
      return this.fail(pointer, `must be a non-empty string of at most ${maxLength} characters, got ${describe(value)}`);
    }
    return value;
  }

  /** A JSON object; reports every property outside `known` (typos must not be silently ignored). */
  object(value: unknown, pointer: string, known: readonly string[]): Record<string, unknown> | undefined {
    if (!isPlainObject(value)) return this.fail(pointer, `must be a JSON object, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.fail(`${pointer}/${escapePointer(key)}`, `unknown field (expected one of ${known.join(', ')})`);
    }
    return value;
  }
}

/** How a decimal field is checked; `what` opens the message ("must be a positive amount"). */
export interface DecimalRule {
  what: string;
  positive?: boolean; // > 0 (otherwise ≥ min, default 0)
  min?: DecimalValue;
  max?: DecimalValue;
  places?: number;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 escaping of one pointer segment. */
export const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A value as it appears in an error message: JSON, shortened. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
