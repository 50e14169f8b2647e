import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter whose writes survive a crash or power loss: the JSON goes to a temp file that is
 * fsynced, renamed over the target, and the directory is fsynced so the rename itself is durable.
 * (lowdb's default steno writer does temp + rename but never fsyncs.) When `write` resolves the
 * data is on disk; the file on disk is always either the old or the new complete document.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private readonly tempFile: string;

  constructor(private readonly file: string) {
    this.tempFile = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  }

  /** The stored document, or null when the file does not exist yet. */
  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Writes the whole document atomically and durably. Callers must not run two writes at once. */
  async write(data: T): Promise<void> {
    const directory = path.dirname(this.file);
    await mkdir(directory, { recursive: true });
    const handle = await open(this.tempFile, 'w');
    try {
      await handle.writeFile(JSON.stringify(data), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.tempFile, this.file);
    await fsyncDirectory(directory);
  }
}

/** Makes a rename durable; some platforms cannot open a directory for reading, which is harmless there. */
export async function fsyncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // directories cannot be fsynced on every platform (e.g. Windows); the rename is still atomic
  } finally {
    await handle?.close();
  }
}
