import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDirectory } from './atomic-json-file.ts';
import { LowdbStore } from './lowdb-store.ts';

const STORE_FILE = 'store.json';
const STAGING_PREFIX = '.seeding-';
/** Temp files AtomicJsonFile leaves behind when a process dies mid-write: `.store.json.<pid>.tmp`. */
const LEFTOVER_TEMP = /^\.store\.json\.\d+\.tmp$/;

/**
 * Removes what crashed processes left in the data directory: half-written `.store.json.<pid>.tmp`
 * files and unfinished seeding folders. Runs before the store is opened, when no writer is alive.
 * Returns the names it removed.
 */
export async function removeLeftovers(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dataDir)) {
    if (LEFTOVER_TEMP.test(name) || name.startsWith(STAGING_PREFIX)) {
      await rm(path.join(dataDir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/**
 * Opens `<dataDir>/store.json`, seeding it first when it does not exist. Seeding is atomic: it
 * writes a complete store in a staging folder (`.seeding-XXXX/store.json`) and renames that file
 * into place only when `seed` has finished and flushed, so a crash during the first start leaves no
 * `store.json` and the next start seeds again from scratch; it never leaves a half-seeded store.
 */
export async function openDataDir<T>(dataDir: string, seed: (store: LowdbStore) => Promise<T>, clock?: () => Date): Promise<{ store: LowdbStore; seeded?: T; removed: string[] }> {
  await mkdir(dataDir, { recursive: true });
  const removed = await removeLeftovers(dataDir);
  const file = path.join(dataDir, STORE_FILE);
  let seeded: T | undefined;
  if (!(await exists(file))) {
    const staging = await mkdtemp(path.join(dataDir, STAGING_PREFIX));
    const scratch = await LowdbStore.open(staging, clock);
    seeded = await seed(scratch);
    await scratch.flush();
    await rename(path.join(staging, STORE_FILE), file);
    await fsyncDirectory(dataDir);
    await rm(staging, { recursive: true, force: true });
  }
  return { store: await LowdbStore.open(dataDir, clock), seeded, removed };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
