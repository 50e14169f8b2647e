import type { ApiKeyRecord, UserRecord } from '../store.ts';
import type { Db } from './db.ts';

interface UserRow {
  username: string;
  display_name: string;
  roles: UserRecord['roles'];
  password_hash: string;
  disabled: boolean | null;
}

const toUser = (row: UserRow): UserRecord => ({
  username: row.username,
  displayName: row.display_name,
  roles: row.roles,
  passwordHash: row.password_hash,
  ...(row.disabled === null ? {} : { disabled: row.disabled }),
});

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const { rows } = await db.pool.query<UserRow>('SELECT username, display_name, roles, password_hash, disabled FROM users ORDER BY username');
  return rows.map(toUser);
}

export async function getUser(db: Db, username: string): Promise<UserRecord | undefined> {
  const { rows } = await db.pool.query<UserRow>('SELECT username, display_name, roles, password_hash, disabled FROM users WHERE username = $1', [username]);
  return rows[0] && toUser(rows[0]);
}

/** Creates or replaces the user with this username (an absent `disabled` is stored as NULL). */
export async function putUser(db: Db, user: UserRecord): Promise<void> {
  await db.pool.query(
    `INSERT INTO users (username, display_name, roles, password_hash, disabled) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles, password_hash = EXCLUDED.password_hash, disabled = EXCLUDED.disabled`,
    [user.username, user.displayName, user.roles, user.passwordHash, user.disabled ?? null],
  );
}

interface KeyRow {
  id: string;
  channel: string;
  key_hash: string;
  created_at: string;
  created_by: string;
  scopes: string[] | null;
}

const toKey = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  channel: row.channel,
  keyHash: row.key_hash,
  createdAt: row.created_at,
  createdBy: row.created_by,
  ...(row.scopes === null ? {} : { scopes: row.scopes }),
});

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  const { rows } = await db.pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
  return rows.map(toKey);
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const { rows } = await db.pool.query<KeyRow>('SELECT * FROM api_keys WHERE key_hash = $1', [keyHash]);
  return rows[0] && toKey(rows[0]);
}

/** Puts a key by id (replacing the one with that id). */
export async function putApiKey(db: Db, key: ApiKeyRecord): Promise<void> {
  await db.pool.query(
    `INSERT INTO api_keys (id, channel, key_hash, created_at, created_by, scopes) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET channel = EXCLUDED.channel, key_hash = EXCLUDED.key_hash, created_at = EXCLUDED.created_at, created_by = EXCLUDED.created_by, scopes = EXCLUDED.scopes`,
    [key.id, key.channel, key.keyHash, key.createdAt, key.createdBy, key.scopes ?? null],
  );
}

export async function deleteApiKey(db: Db, id: string): Promise<boolean> {
  const { rowCount } = await db.pool.query('DELETE FROM api_keys WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}
