import { createHash } from 'node:crypto';

/** Objects re-made with their keys sorted (undefined values dropped), so equal content serialises equal. */
const sortedKeys = (_key: string, value: unknown): unknown => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = Object.create(null); // a "__proto__" key stays an own key
  for (const key of Object.keys(record).sort()) if (record[key] !== undefined) sorted[key] = record[key];
  return sorted;
};

/** JSON with object keys sorted, so equal content always hashes equal (native JSON.stringify does the work). */
export const canonicalJson = (value: unknown): string => JSON.stringify(value, sortedKeys) ?? 'null';

/** "sha256:<hex>" of the canonical JSON. */
export const contentHash = (value: unknown): string => `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
