import type { LowdbStore, StoreData } from './lowdb-store.ts';
import type { PgStore } from './postgres/pg-store.ts';

/** The backup file `npm run store -- export` writes and `import` reads. */
export interface StoreSnapshot {
  format: 'loan-blocks-store';
  formatVersion: 1;
  exportedAt: string;
  data: StoreData;
}

/** A store that can be read and restored whole. */
export type SnapshotStore = Pick<LowdbStore | PgStore, 'readAll' | 'writeAll'>;

const ARRAYS = ['products', 'versions', 'reviews', 'audit', 'users', 'apiKeys'] as const;

/**
 * The store's whole content in one order whichever store it came from (products as created,
 * versions by product and number, reviews by number, audit by sequence, users and keys by id),
 * so two exports of the same data are byte-for-byte equal.
 */
export async function exportSnapshot(store: SnapshotStore, now = new Date()): Promise<StoreSnapshot> {
  const data = await store.readAll();
  const reviewNumber = (id: string) => Number(id.replace(/^r-/, '')) || 0;
  return {
    format: 'loan-blocks-store',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    data: {
      products: data.products,
      versions: [...data.versions].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : a.version - b.version)),
      reviews: [...data.reviews].sort((a, b) => reviewNumber(a.id) - reviewNumber(b.id) || a.id.localeCompare(b.id)),
      audit: [...data.audit].sort((a, b) => a.seq - b.seq),
      users: [...data.users].sort((a, b) => a.username.localeCompare(b.username)),
      apiKeys: [...data.apiKeys].sort((a, b) => a.id.localeCompare(b.id)),
      nextSeq: data.nextSeq,
      nextReview: data.nextReview,
    },
  };
}

/** Checks a parsed backup file's envelope; the rows themselves are checked by the target store (PostgreSQL's constraints). */
export function readSnapshot(value: unknown): StoreSnapshot {
  const snapshot = value as Partial<StoreSnapshot> | null;
  if (!snapshot || typeof snapshot !== 'object' || snapshot.format !== 'loan-blocks-store') throw new Error('not a loan-blocks store export (format must be "loan-blocks-store")');
  if (snapshot.formatVersion !== 1) throw new Error(`export format version ${String(snapshot.formatVersion)} is not known to this code (it reads 1)`);
  const data = snapshot.data as Partial<StoreData> | undefined;
  for (const key of ARRAYS) if (!Array.isArray(data?.[key])) throw new Error(`data.${key} must be an array`);
  for (const key of ['nextSeq', 'nextReview'] as const) if (!Number.isInteger(data?.[key]) || data![key]! < 1) throw new Error(`data.${key} must be a positive integer`);
  return snapshot as StoreSnapshot;
}

/** Restores a backup into an empty store (refuses a store that holds anything). */
export async function importSnapshot(store: SnapshotStore, snapshot: StoreSnapshot): Promise<{ products: number; versions: number; reviews: number; audit: number; users: number; apiKeys: number }> {
  await store.writeAll(snapshot.data);
  const { data } = snapshot;
  return { products: data.products.length, versions: data.versions.length, reviews: data.reviews.length, audit: data.audit.length, users: data.users.length, apiKeys: data.apiKeys.length };
}
