import path from 'node:path';
import { LowdbStore } from './lowdb-store.ts';
import { PgStore, type PgStoreOptions } from './postgres/pg-store.ts';
import type { Store } from './store.ts';

/** A store opened from the environment, and whether it held nothing yet (then it is seeded). */
export type OpenedStore = Store & { readonly isNew: boolean };

/** Where the store lives, from DATABASE_URL and DATA_DIR: PostgreSQL when DATABASE_URL is set, else the embedded file. */
export type StoreLocation = { kind: 'postgres'; url: string } | { kind: 'lowdb'; dataDir: string };

/** Reads DATABASE_URL (postgres:// or postgresql://) and DATA_DIR (default ./data); a DATABASE_URL of another scheme is an error. */
export function storeLocation(env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    return { kind: 'postgres', url };
  }
  return { kind: 'lowdb', dataDir: path.resolve(env.DATA_DIR ?? './data') };
}

/** Opens the store at `location` (PostgreSQL: connects and applies migrations). */
export function openStore(location: StoreLocation, options: PgStoreOptions = {}): Promise<OpenedStore> {
  return location.kind === 'postgres' ? PgStore.open(location.url, options) : LowdbStore.open(location.dataDir, options.clock);
}

/** The location without credentials, for logs. */
export function describeLocation(location: StoreLocation): string {
  if (location.kind === 'lowdb') return location.dataDir;
  const url = new URL(location.url);
  url.password = url.password ? '***' : '';
  return url.toString();
}
