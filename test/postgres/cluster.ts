import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The unprivileged account a cluster runs as when the tests run as root (PostgreSQL refuses root). */
const RUN_AS = 'nobody';

let binDir: string | null | undefined;

/**
 * The PostgreSQL server bin directory, installing Debian's `postgresql` through
 * scripts/ensure-postgres.sh when it is missing. Null only when it truly cannot be installed; the
 * reason is printed loudly so a skipped test is never silent.
 */
export function postgresBin(): string | null {
  if (binDir !== undefined) return binDir;
  const result = spawnSync('sh', [path.join(ROOT, 'scripts/ensure-postgres.sh')], { encoding: 'utf8', timeout: 600_000 });
  const last = result.stdout?.trim().split('\n').at(-1) ?? '';
  if (result.status === 0 && last && fs.existsSync(path.join(last, 'initdb'))) return (binDir = last);
  const banner = '!'.repeat(100);
  console.error(`${banner}\nPostgreSQL CANNOT BE INSTALLED: the tests that need a real PostgreSQL are SKIPPED.\n${result.stderr ?? ''}${result.error?.message ?? ''}\n${banner}`);
  return (binDir = null);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A throw-away PostgreSQL cluster in a temp dir on a loopback port. */
export interface PgCluster {
  readonly port: number;
  /** A connection URL for a database of this cluster (default `postgres`). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Starts the server again after {@link stop} (same data, same port). */
  start(): Promise<void>;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes its files. */
  remove(): Promise<void>;
}

const running = new Set<string>(); // data dirs of clusters started by this process, stopped on exit

process.once('exit', () => {
  for (const dataDir of running) spawnSync(path.join(binDir ?? '', 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate'], asOwner());
});

/** Runs a PostgreSQL binary as the unprivileged owner when this process is root. */
function asOwner(): { stdio: 'pipe'; encoding: 'utf8'; timeout: number } {
  return { stdio: 'pipe', encoding: 'utf8', timeout: 120_000 };
}

function pgCommand(bin: string, tool: string, args: string[]): { file: string; args: string[] } {
  const file = path.join(bin, tool);
  return process.getuid?.() === 0 ? { file: 'runuser', args: ['-u', RUN_AS, '--', file, ...args] } : { file, args };
}

function run(bin: string, tool: string, args: string[]): string {
  const command = pgCommand(bin, tool, args);
  try {
    return execFileSync(command.file, command.args, { ...asOwner(), cwd: os.tmpdir() });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${failed.stderr ?? ''}${failed.stdout ?? ''}${failed.message}`);
  }
}

/**
 * initdb into a fresh temp dir (as `nobody` when the tests run as root), configure it to listen
 * only on 127.0.0.1:<free port> with a socket dir inside the temp dir, and start it with pg_ctl.
 * Trust authentication is safe here: loopback only, a throw-away cluster removed afterwards.
 */
export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loan-blocks-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (process.getuid?.() === 0) {
    const { uid, gid } = ownerIds();
    fs.chownSync(dir, uid, gid);
  }
  fs.chmodSync(dir, 0o700);
  run(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  const port = await freePort();
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'max_connections = 200', 'shared_buffers = 32MB', "log_min_messages = 'warning'", ''].join('\n'),
  );
  const cluster: PgCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: cluster.url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    async start() {
      run(bin, 'pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60']);
      running.add(dataDir);
    },
    async stop() {
      run(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      running.delete(dataDir);
    },
    async remove() {
      if (running.has(dataDir)) {
        try {
          run(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '60']);
        } catch {
          // already stopped
        }
        running.delete(dataDir);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

function ownerIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, RUN_AS], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
