import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

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

/** Hex SHA-256 of a text's UTF-8 bytes. */
export type Sha256Hex = (text: string) => string;

/**
 * The engine's own SHA-256: pure JS (@noble/hashes, audited) rather than node:crypto, so the engine
 * runs anywhere (browser, worker) and stays synchronous, which Web Crypto's digest is not.
 */
export const pureSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * "sha256:<hex>" of the canonical JSON. The server passes node:crypto's SHA-256 through the catalog
 * (4–6× faster on a large product); both compute the same digest, so every published hash stays valid.
 */
export const contentHash = (value: unknown, sha256Hex: Sha256Hex = pureSha256Hex): string => `sha256:${sha256Hex(canonicalJson(value))}`;
