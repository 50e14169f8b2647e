/**
 * How many field errors (or diagnostics) an answer lists: the first few per field, then only a
 * count, so a body with 30,000 bad items gets a short answer that still names every kind of
 * mistake. A "field" is the pointer with array indices folded: `/applicant/lists/7` and
 * `/applicant/lists/8` are one field, `/applicant/lists/*`.
 */
export const ERROR_CAP = {
  perField: 3, // errors listed per field
  total: 100, // errors listed in all
} as const;

/** The errors to list and how many were left out. */
export interface Capped<T> {
  kept: T[];
  omitted: number;
}

/** A pointer with its array indices folded into `*`. */
export const fieldOf = (pointer: string): string => pointer.replace(/\/[0-9]+(?=\/|$)/g, '/*');

/**
 * Keeps, in order, the first `perField` errors of each field up to `total` in all; counts the
 * rest. Linear in the number of errors. `keyOf` may add to the field (e.g. a diagnostic's code).
 */
export function capErrors<T>(
  errors: readonly T[],
  cap: { perField: number; total: number } = ERROR_CAP,
  keyOf: (error: T) => string = (error) => fieldOf((error as { pointer?: string }).pointer ?? ''),
): Capped<T> {
  if (errors.length <= cap.perField) return { kept: [...errors], omitted: 0 };
  const perField = new Map<string, number>();
  const kept: T[] = [];
  for (const error of errors) {
    if (kept.length >= cap.total) break;
    const key = keyOf(error);
    const seen = perField.get(key) ?? 0;
    if (seen >= cap.perField) continue;
    perField.set(key, seen + 1);
    kept.push(error);
  }
  return { kept, omitted: errors.length - kept.length };
}
