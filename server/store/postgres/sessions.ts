import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Options, Store as RateLimitStore } from 'express-rate-limit';
import { newSessionId, SESSION_TTL_MS, type Sessions, type SessionUser } from '../../auth/sessions.ts';
import type { SignInThrottleScope } from '../../auth/sign-in-throttle.ts';

const hashSid = (sid: string): string => createHash('sha256').update(sid).digest('hex');

/**
 * Sessions in PostgreSQL: every authoring process sees every session, and disabling a user or
 * resetting a password ends their sessions everywhere. The table keeps the sha256 of each session
 * id, never the id itself. Expired rows are removed on sign-in.
 */
export class PgSessions implements Sessions {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(user: SessionUser): Promise<string> {
    const sid = newSessionId();
    const now = this.clock();
    await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now.toISOString()]);
    await this.pool.query('INSERT INTO sessions (sid_hash, username, session, expires_at) VALUES ($1, $2, $3, $4)', [
      hashSid(sid),
      user.username,
      JSON.stringify(user),
      new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    ]);
    return sid;
  }

  async get(sid: string | undefined): Promise<SessionUser | undefined> {
    if (!sid || sid.length > 200) return undefined;
    const { rows } = await this.pool.query<{ session: SessionUser }>('SELECT session FROM sessions WHERE sid_hash = $1 AND expires_at > $2', [hashSid(sid), this.clock().toISOString()]);
    return rows[0]?.session;
  }

  async delete(sid: string | undefined): Promise<void> {
    if (sid) await this.pool.query('DELETE FROM sessions WHERE sid_hash = $1', [hashSid(sid)]);
  }

  async endUser(username: string, keep?: string): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM sessions WHERE username = $1 AND sid_hash <> $2', [username, keep ? hashSid(keep) : '']);
    return rowCount ?? 0;
  }
}

/**
 * express-rate-limit's Store over the `sign_in_failures` table, one per scope: the counter and its
 * window are updated in one statement, so processes counting the same key at once never lose a hit.
 */
export class PgRateLimitStore implements RateLimitStore {
  private windowMs = 15 * 60 * 1000;
  readonly localKeys = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly scope: SignInThrottleScope,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string) {
    const { rows } = await this.pool.query<{ hits: number; reset_at: string }>('SELECT hits, reset_at FROM sign_in_failures WHERE scope = $1 AND key = $2 AND reset_at > now()', [this.scope, key]);
    return rows[0] ? { totalHits: rows[0].hits, resetTime: new Date(rows[0].reset_at) } : undefined;
  }

  async increment(key: string) {
    const { rows } = await this.pool.query<{ hits: number; reset_at: string }>(
      `INSERT INTO sign_in_failures AS f (scope, key, hits, reset_at) VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
       ON CONFLICT (scope, key) DO UPDATE SET
         hits = CASE WHEN f.reset_at <= now() THEN 1 ELSE f.hits + 1 END,
         reset_at = CASE WHEN f.reset_at <= now() THEN now() + $3 * interval '1 millisecond' ELSE f.reset_at END
       RETURNING hits, reset_at`,
      [this.scope, key, this.windowMs],
    );
    return { totalHits: rows[0].hits, resetTime: new Date(rows[0].reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.pool.query('UPDATE sign_in_failures SET hits = GREATEST(hits - 1, 0) WHERE scope = $1 AND key = $2', [this.scope, key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE scope = $1 AND key = $2', [this.scope, key]);
  }

  async resetAll(): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE scope = $1', [this.scope]);
  }
}
