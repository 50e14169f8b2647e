import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  port: number;
  dataDir: string;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the real server (`node --import tsx server/main.ts`, or the node arguments given, e.g. the
 * bundle `npm start` runs) on a free port with a temp DATA_DIR; resolves once it logs its port.
 */
export async function spawnServer(env: Record<string, string> = {}, dataDir?: string, nodeArgs = ['--import', 'tsx', 'server/main.ts']): Promise<SpawnedServer> {
  const dir = dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-main-')));
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        try {
          const entry = JSON.parse(line) as { port?: number };
          if (typeof entry.port === 'number') {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          // a partial line; wait for more
        }
      }
    });
    void exited.then(() => reject(new Error(`server exited: ${stderr}`)));
  });
  return { child, port, dataDir: dir, base: `http://127.0.0.1:${port}`, exited };
}

/** Signs in over HTTP and returns the `sid=…` cookie pair. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/studio/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0];
}
