import pg from 'pg';

/** Something that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** The pool and clock every table module works with. */
export interface Db {
  pool: pg.Pool;
  now(): string; // ISO time of the store's clock (tests pin it)
}

/** Advisory lock taken by every transaction that appends a release, so sequence numbers commit in order. */
export const RELEASE_LOCK = 0x10a2b10c;

/** The channel runtime replicas LISTEN on. The payload is the release's sequence number. */
export const PUBLISH_CHANNEL = 'loan_blocks_release';

// timestamps come back as ISO text (what the lowdb store returns), 64-bit counters as numbers
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (text) => new Date(text).toISOString());
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

/**
 * Runs `work` in one transaction on one client: COMMIT when it resolves, ROLLBACK when it throws.
 * A serialization failure or deadlock is retried (bounded), because the caller's work is whole.
 */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, isolation: 'READ COMMITTED' | 'SERIALIZABLE' = 'READ COMMITTED'): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (error as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < 5) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}

/** PostgreSQL's unique_violation (23505): a row that would break a UNIQUE constraint or index. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

/** Maps an optional JSON value to a column: undefined stays SQL NULL. */
export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Drops keys whose value is undefined or null where the TypeScript shape has optional fields. */
export function optional<T extends object>(record: T, keys: (keyof T)[]): T {
  for (const key of keys) if (record[key] === null || record[key] === undefined) delete record[key];
  return record;
}
