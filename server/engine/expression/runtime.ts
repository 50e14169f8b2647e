import { Decimal } from '../money.ts';
import type { ExpressionValue } from '../block-type.ts';

/** A compiled node: one closure per AST node, called with the application. */
export type Run = (application: unknown) => ExpressionValue;
/** Reads a raw field value out of the application (undefined when absent). */
export type Reader = (application: unknown) => unknown;

const OBJECT_PROTOTYPE = Object.prototype;
const hasOwn = Object.hasOwn;
const getPrototypeOf = Object.getPrototypeOf;

/**
 * Only plain data objects (what JSON.parse makes, or `Object.create(null)`) are walked into: a class
 * instance, a function or a Map is not application data, so a path through it reads as missing.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = getPrototypeOf(value);
  return proto === OBJECT_PROTOTYPE || proto === null;
}

/**
 * A reader for a pre-split path, touching own properties only, so neither `__proto__` keys in the
 * data nor the prototype chain can be reached. Paths of one and two names (most fields) get
 * unrolled readers because they run thousands of times per application.
 */
function rawReader(path: readonly string[]): Reader {
  if (path.length === 1) {
    const [a] = path;
    return (root) => (isRecord(root) && hasOwn(root, a) ? root[a] : undefined);
  }
  if (path.length === 2) {
    const [a, b] = path;
    return (root) => {
      if (!isRecord(root) || !hasOwn(root, a)) return undefined;
      const child = root[a];
      return isRecord(child) && hasOwn(child, b) ? child[b] : undefined;
    };
  }
  return (root) => {
    let at: unknown = root;
    for (let i = 0; i < path.length; i++) {
      if (!isRecord(at) || !hasOwn(at, path[i])) return undefined;
      at = at[path[i]];
    }
    return at;
  };
}

/*
 * Field-read cache. A product with thousands of rules reads the same few dozen fields thousands
 * of times per application. Inside `withFieldCache` (one decision: the application is not changed
 * while it runs) every path is read once and its value reused. Readers are shared per path, and
 * a cached value is used only for the same root object in the same cache epoch, so a caller that
 * changes an application between two evaluations outside the cache always sees fresh values.
 */
let epoch = 0;
let activeEpoch = 0;

/** Runs `work` (one decision) with field reads cached for the application it evaluates. */
export function withFieldCache<T>(work: () => T): T {
  const previous = activeEpoch;
  activeEpoch = ++epoch;
  try {
    return work();
  } finally {
    activeEpoch = previous;
  }
}

function cachedReader<T>(read: (root: unknown) => T): (root: unknown) => T {
  let cachedEpoch = 0;
  let cachedRoot: unknown;
  let cachedValue: T;
  return (root) => {
    if (activeEpoch === 0) return read(root);
    if (cachedEpoch === activeEpoch && cachedRoot === root) return cachedValue;
    cachedValue = read(root);
    cachedEpoch = activeEpoch;
    cachedRoot = root;
    return cachedValue;
  };
}

const rawReaders = new Map<string, Reader>();
const valueReaders = new Map<string, Run>();

/** The shared, cached reader of a path's raw value (undefined when absent). */
export function makeReader(path: readonly string[]): Reader {
  const key = path.join('\u0000');
  let reader = rawReaders.get(key);
  if (!reader) rawReaders.set(key, (reader = cachedReader(rawReader(path))));
  return reader;
}

/** The shared, cached reader of a path as a language value (numbers as Decimal, made once per decision). */
export function makeValueReader(path: readonly string[]): Run {
  const key = path.join('\u0000');
  let reader = valueReaders.get(key);
  if (!reader) {
    const read = makeReader(path);
    valueReaders.set(key, (reader = cachedReader((root) => toValue(read(root)))));
  }
  return reader;
}

/**
 * Turns raw application data into a language value: a JS number becomes an exact Decimal of its
 * shortest decimal text (0.1 stays 0.1), non-finite numbers and anything that is not data become null.
 */
export function toValue(raw: unknown): ExpressionValue {
  switch (typeof raw) {
    case 'number':
      return Number.isFinite(raw) ? new Decimal(raw) : null;
    case 'string':
    case 'boolean':
      return raw;
    case 'object':
      if (raw === null) return null;
      if (raw instanceof Decimal) return raw.isFinite() ? raw : null;
      if (Array.isArray(raw)) return toList(raw);
      return null;
    default:
      return null;
  }
}

function toList(raw: readonly unknown[]): ExpressionValue[] {
  const list = new Array<ExpressionValue>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    // Lists hold scalars only; a nested list or object inside one is not something the language reads.
    list[i] = typeof item === 'object' && item !== null && !(item instanceof Decimal) ? null : toValue(item);
  }
  return list;
}

/**
 * Equality as GoRules ZEN defines it: numbers by value (1.0 == 1), text and booleans by identity,
 * null equals only null, values of different kinds are unequal, and lists are never equal.
 */
export function equals(a: ExpressionValue, b: ExpressionValue): boolean {
  if (a instanceof Decimal) return b instanceof Decimal && a.eq(b);
  return a === b && !Array.isArray(a);
}

/** Whether a language value is a decimal number (type guard for closures). */
export const isNumber = (value: ExpressionValue): value is Decimal => value instanceof Decimal;

/** True only for `true`: how callers turn a condition's value (which may be null) into a decision. */
export const conditionHolds = (value: ExpressionValue): boolean => value === true;
