import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'server.pid';

/** Whether a process with this id runs on this machine: signal 0 checks without sending anything; EPERM means it runs as another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The id of a live server process holding `dataDir`, or undefined. */
export function runningServer(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid) ? pid : undefined;
}

/**
 * Claims the data directory for this server process (`<dataDir>/server.pid`): the store keeps the
 * whole document in memory and rewrites the file, so a second server — or the users CLI — writing
 * the same directory would lose changes silently. A lock left by a process that died (kill -9) is
 * taken over. Throws, naming the process, when a live one holds it. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const holder = runningServer(dataDir);
  if (holder !== undefined) throw new Error(`DATA_DIR ${dataDir} is in use by process ${holder} (another server); stop it, or remove ${LOCK_FILE} if that process is not a server`);
  const file = path.join(dataDir, LOCK_FILE);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
}
