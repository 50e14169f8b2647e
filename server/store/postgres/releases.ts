import type pg from 'pg';
import { PUBLISH_CHANNEL, type Queryable, RELEASE_LOCK } from './db.ts';

/** One change of what the channels are served: a version published, a product retired or restored. */
export interface Release {
  seq: number;
  productId: string;
  action: 'publish' | 'retire' | 'restore';
  version: number | null;
  at: string;
}

/**
 * Appends a release inside the caller's transaction and queues a NOTIFY that PostgreSQL delivers
 * only if the transaction commits. The advisory lock (held to commit) orders releases, so a
 * replica that has seen sequence N has seen every release before N.
 */
export async function appendRelease(client: pg.PoolClient, at: string, release: Omit<Release, 'seq' | 'at'>): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [RELEASE_LOCK]);
  const { rows } = await client.query<{ seq: number }>('INSERT INTO releases (product_id, action, version, at) VALUES ($1, $2, $3, $4) RETURNING seq', [
    release.productId,
    release.action,
    release.version,
    at,
  ]);
  await client.query('SELECT pg_notify($1, $2)', [PUBLISH_CHANNEL, String(rows[0].seq)]);
  return rows[0].seq;
}

/** Releases after `seq`, oldest first. */
export async function releasesSince(db: Queryable, seq: number): Promise<Release[]> {
  const { rows } = await db.query<{ seq: number; product_id: string; action: Release['action']; version: number | null; at: string }>(
    'SELECT seq, product_id, action, version, at FROM releases WHERE seq > $1 ORDER BY seq',
    [seq],
  );
  return rows.map((row) => ({ seq: row.seq, productId: row.product_id, action: row.action, version: row.version, at: row.at }));
}

/** The latest release sequence number (0 before the first). */
export async function latestRelease(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM releases');
  return rows[0].seq ?? 0;
}
