import fs from 'node:fs';
import path from 'node:path';
import { describeLocation, openStore, storeLocation } from '../store/open-store.ts';
import { exportSnapshot, importSnapshot, readSnapshot, type SnapshotStore } from '../store/snapshot.ts';

const USAGE = `usage: npm run --silent store -- export > backup.json   (without --silent npm's banner lines lead the file; import skips them)
       npm run store -- import backup.json

Reads DATABASE_URL (PostgreSQL) or DATA_DIR (the embedded store, default ./data), as the server does.
export writes the whole store as JSON to standard output; import restores a file into an EMPTY store
(a new DATA_DIR, or a new database), keeping every id, version, revision, audit number and timestamp.
Stop the servers first when importing.`;

/** The JSON of an export; lines npm prints before it (`> loan-blocks-studio@… store`, when run without --silent) are skipped. */
function parseExport(text: string): unknown {
  const start = text.search(/^\{/m);
  return JSON.parse(start > 0 && /^(\s*(>.*)?\n)*$/.test(text.slice(0, start)) ? text.slice(start) : text);
}

/**
 * `npm run store -- export|import`: moves a bank's data between the embedded store and PostgreSQL,
 * and makes and restores backups. Exit 0 on success, 1 when the store refuses, 2 on usage errors.
 */
async function main(args: string[]): Promise<number> {
  const [command, file] = args;
  if (command !== 'export' && command !== 'import') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'import' && !file) {
    process.stderr.write(`import needs a file\n${USAGE}\n`);
    return 2;
  }
  const location = storeLocation();
  if (command === 'export' && location.kind === 'lowdb' && !fs.existsSync(path.join(location.dataDir, 'store.json'))) {
    process.stderr.write(`no store to export: ${path.join(location.dataDir, 'store.json')} does not exist (set DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const store = await openStore(location);
  try {
    const whole = store as unknown as SnapshotStore;
    if (command === 'export') {
      const snapshot = await exportSnapshot(whole);
      await new Promise<void>((resolve, reject) => process.stdout.write(`${JSON.stringify(snapshot)}\n`, (error) => (error ? reject(error) : resolve())));
      process.stderr.write(
        `exported ${snapshot.data.products.length} products, ${snapshot.data.versions.length} versions, ${snapshot.data.audit.length} audit events from ${describeLocation(location)}\n`,
      );
      return 0;
    }
    let parsed: unknown;
    try {
      parsed = parseExport(fs.readFileSync(file!, 'utf8'));
    } catch (error) {
      process.stderr.write(`${file}: ${(error as Error).message}\n`);
      return 2;
    }
    const counts = await importSnapshot(whole, readSnapshot(parsed));
    process.stderr.write(`imported into ${describeLocation(location)}: ${JSON.stringify(counts)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`store: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
