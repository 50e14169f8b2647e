import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { fromRoot } from '../../root.ts';
import { transaction } from './db.ts';

/** The folder of numbered migrations: `0001_initial.sql`, `0002_….sql`, applied in order. */
export const MIGRATIONS_DIR = fromRoot('server/store/postgres/migrations');

/** A migration file: its number and name. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations this code knows, in order; a gap or a duplicate number is a packaging error. */
export function knownMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migrations: expected ${String(index + 1).padStart(4, '0')}_*.sql, found ${String(migration.version).padStart(4, '0')}_${migration.name}.sql`);
  });
  return migrations;
}

/** Raised when the database was migrated by newer code than this one: starting could corrupt it. */
export class SchemaTooNewError extends Error {}

/** Migration lock id: processes starting together migrate one after the other. */
const MIGRATION_LOCK = 0x10a2b10d;

/**
 * Brings the schema up to date in ONE transaction: creates `schema_migrations` when missing,
 * refuses (SchemaTooNewError) when the database has a migration this code does not know, and
 * applies the missing ones in order, recording each. Either all apply or none.
 */
export async function migrate(pool: pg.Pool, migrations = knownMigrations()): Promise<{ applied: number[]; version: number }> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY CHECK (version >= 1),
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    const newest = rows.at(-1)?.version ?? 0;
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new SchemaTooNewError(
        `the database schema is at migration ${newest} (${rows.at(-1)!.name}) but this code knows only up to ${known}: upgrade the code, or restore a backup made with this version`,
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (rows.some((row) => row.version === migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return { applied, version: known };
  });
}
