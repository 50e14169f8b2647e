import pg from 'pg';
import type { Logger } from 'pino';
import { PUBLISH_CHANNEL } from '../store/postgres/db.ts';
import type { PgStore } from '../store/postgres/pg-store.ts';
import type { Release } from '../store/postgres/releases.ts';
import type { RuntimeRegistry } from './runtime-registry.ts';

/** Options of {@link ReleaseFollower}. */
export interface ReleaseFollowerOptions {
  url: string; // DATABASE_URL, for the one dedicated LISTEN connection
  pollMs?: number; // how often the latest release sequence is compared (default 2000 ms)
  logger?: Logger;
}

/** What `/readyz` reports about a follower. */
export interface FollowerStatus {
  status: 'ready' | 'degraded';
  database: 'connected' | 'unreachable';
  listening: boolean; // the LISTEN connection is up (without it publishes arrive by polling)
  releaseSeq: number; // the last release applied
  servedProducts: number;
  since?: string; // when the database became unreachable
  lastError?: string;
}

/**
 * Keeps a process's channel runtime in step with the published versions in PostgreSQL: loads
 * every latest version at start, then applies each release (publish, retire, restore) in sequence
 * order. It hears of releases by LISTEN on one dedicated connection and, because NOTIFY is not
 * durable (a notice sent while the connection is down is lost), also polls the latest release
 * sequence every `pollMs`. When the database is gone it keeps serving what it holds, says
 * "degraded", reconnects, and catches up from the last sequence it applied.
 */
export class ReleaseFollower {
  private seq = 0;
  private listener: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private announced: number | undefined;
  private stopped = false;
  private unreachableSince: string | undefined;
  private lastError: string | undefined;
  private readonly pollMs: number;

  constructor(
    private readonly store: PgStore,
    private readonly runtime: RuntimeRegistry,
    private readonly options: ReleaseFollowerOptions,
  ) {
    this.pollMs = options.pollMs ?? 2_000;
  }

  /** Loads what is published now, then starts listening and polling. */
  async start(): Promise<{ loaded: number; failed: { productId: string; version: number; message: string }[] }> {
    this.seq = await this.store.latestRelease(); // read first: releases committed during the load are applied again (idempotent)
    const report = await this.runtime.load(this.store);
    await this.listen();
    this.pollTimer = setInterval(() => void this.catchUp(), this.pollMs);
    this.pollTimer.unref();
    return report;
  }

  get status(): FollowerStatus {
    return {
      status: this.unreachableSince ? 'degraded' : 'ready',
      database: this.unreachableSince ? 'unreachable' : 'connected',
      listening: this.listener !== undefined,
      releaseSeq: this.seq,
      servedProducts: this.runtime.latestEntries().length,
      ...(this.unreachableSince ? { since: this.unreachableSince } : {}),
      ...(this.lastError && this.unreachableSince ? { lastError: this.lastError } : {}),
    };
  }

  /**
   * Applies every release after the last one applied; runs one at a time, again if asked meanwhile.
   * `announced` is the sequence number a NOTIFY carried: the releases are read at once, without
   * first asking for the latest sequence as the poll does.
   */
  catchUp(announced?: number): Promise<void> {
    if (announced !== undefined && announced <= this.seq) return this.running ?? Promise.resolve();
    if (this.running) {
      this.again = true;
      this.announced = Math.max(this.announced ?? 0, announced ?? 0) || undefined;
      return this.running;
    }
    this.announced = announced;
    this.running = (async () => {
      do {
        this.again = false;
        const known = this.announced;
        this.announced = undefined;
        try {
          if ((known !== undefined && known > this.seq) || (await this.store.latestRelease()) > this.seq) {
            for (const release of await this.store.releasesSince(this.seq)) {
              await this.apply(release);
              this.seq = release.seq;
            }
          }
          this.reachable();
        } catch (error) {
          this.unreachable(error);
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async apply(release: Release): Promise<void> {
    if (release.action === 'retire') return void this.runtime.retire(release.productId);
    const version = release.action === 'publish' ? await this.store.getVersion(release.productId, release.version!) : await this.store.latestVersion(release.productId);
    if (!version) return;
    const current = this.runtime.latest(release.productId);
    if (release.action === 'publish' && current && current.version >= version.version) return; // this process published it itself
    try {
      this.runtime.publish(version);
      this.options.logger?.info({ productId: version.productId, version: version.version, seq: release.seq, lagMs: Date.now() - Date.parse(release.at) }, 'release applied');
    } catch (error) {
      // a version this code cannot build stays unserved here; the rest of the releases go on
      this.options.logger?.error({ productId: version.productId, version: version.version, err: error }, 'release could not be built');
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 5_000, keepAlive: true });
    const lost = (error?: unknown) => {
      if (this.listener === client) this.listener = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (error) this.unreachable(error);
      this.scheduleReconnect();
    };
    try {
      client.on('notification', (message) => void this.catchUp(Number(message.payload) || undefined));
      client.on('error', lost);
      client.on('end', () => lost());
      await client.connect();
      await client.query(`LISTEN ${PUBLISH_CHANNEL}`);
      this.listener = client;
      this.options.logger?.info('listening for releases');
      await this.catchUp(); // whatever was published while not listening
    } catch (error) {
      lost(error);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(
      () => {
        this.reconnectTimer = undefined;
        void this.listen();
      },
      Math.min(1_000, this.pollMs),
    );
    this.reconnectTimer.unref();
  }

  private reachable(): void {
    if (!this.unreachableSince) return;
    this.options.logger?.info({ since: this.unreachableSince, releaseSeq: this.seq }, 'database reachable again');
    this.unreachableSince = undefined;
    this.lastError = undefined;
  }

  private unreachable(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.unreachableSince) return;
    this.unreachableSince = new Date().toISOString();
    this.options.logger?.warn({ err: this.lastError }, 'database unreachable: serving the versions held in memory');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    listener?.removeAllListeners();
    await listener?.end().catch(() => undefined);
    await this.running;
  }
}
