import { randomBytes } from 'node:crypto';
import type { UserRecord } from '../store/store.ts';

/** What a signed-in request knows about its user (never the password hash). */
export interface SessionUser {
  username: string;
  displayName: string;
  roles: UserRecord['roles'];
}

/** Sessions live 8 hours from sign-in. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** A fresh session id: 32 random bytes, base64url. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/**
 * Where signed-in sessions live: {@link SessionStore} in memory (one process, the embedded store),
 * or PostgreSQL (server/store/postgres/sessions.ts) so that any authoring process behind a load
 * balancer knows every session and ends them all when a user is disabled.
 */
export interface Sessions {
  create(user: SessionUser): Promise<string>;
  get(sid: string | undefined): Promise<SessionUser | undefined>;
  delete(sid: string | undefined): Promise<void>;
  /** Ends every session of a user except `keep`; resolves with how many ended. */
  endUser(username: string, keep?: string): Promise<number>;
}

/**
 * Sessions in memory: a random 32-byte id (base64url) → user and expiry. A restart signs everyone
 * out, which is acceptable for a studio on one machine; on PostgreSQL sessions live in the database.
 */
export class SessionStore implements Sessions {
  private readonly sessions = new Map<string, { user: SessionUser; expiresAt: number }>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async create(user: SessionUser): Promise<string> {
    const sid = newSessionId();
    this.sessions.set(sid, { user, expiresAt: this.clock().getTime() + SESSION_TTL_MS });
    this.sweep();
    return sid;
  }

  async get(sid: string | undefined): Promise<SessionUser | undefined> {
    if (!sid) return undefined;
    const session = this.sessions.get(sid);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock().getTime()) {
      this.sessions.delete(sid);
      return undefined;
    }
    return session.user;
  }

  async delete(sid: string | undefined): Promise<void> {
    if (sid) this.sessions.delete(sid);
  }

  /**
   * Ends every session of a user (disabled, password reset, roles changed), except `keep` — the
   * session of a user who just changed their own password stays signed in. Returns how many ended.
   */
  async endUser(username: string, keep?: string): Promise<number> {
    let ended = 0;
    for (const [sid, session] of this.sessions) {
      if (session.user.username === username && sid !== keep) {
        this.sessions.delete(sid);
        ended += 1;
      }
    }
    return ended;
  }

  /** Drops expired sessions so the map does not grow without bound. */
  private sweep(): void {
    const now = this.clock().getTime();
    for (const [sid, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(sid);
  }
}
