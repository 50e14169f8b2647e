import fs from 'node:fs';
import path from 'node:path';
import { ImportRefused, MANIFEST_FILE } from '../simulation/impact-backup.ts';
import { impactServices } from '../simulation/impact.ts';
import { describeLocation, openStore, storeLocation } from '../store/open-store.ts';
import { PgStore } from '../store/postgres/pg-store.ts';
import { exportSnapshot, importSnapshot, type SnapshotStore } from '../store/snapshot.ts';
import { exportDirectory, impactCounts, importDirectory, readStoreFile } from './store-directory.ts';

const USAGE = `usage: npm run store -- export <directory>                       the store, its portfolios and its reports
       npm run --silent store -- export [--store-only] > backup.json   the store document alone, as one JSON file
       npm run store -- import <directory | backup.json>

Reads DATABASE_URL (PostgreSQL) or DATA_DIR (the embedded store, default ./data), as the server does.
export <directory> writes a new directory: store.json (the store), manifest.json, portfolios/<product>/<hash>.jsonl
with its .json description, reports/<hash>.json. Simulation jobs are not exported. export without a directory
writes the store document to standard output; it refuses a store holding portfolios or reports (they would be
lost) unless --store-only says that is meant. import restores a directory or a file into an EMPTY store (a new
DATA_DIR, or a new database), keeping every id, version, revision, audit number and timestamp, and checks every
portfolio and report against its hash first: a damaged or edited file is refused by name, nothing imported.
Stop the servers first when importing.`;

/**
 * `npm run store -- export|import`: moves a bank's data between the embedded store and PostgreSQL,
 * and makes and restores backups. Exit 0 on success, 1 when the store or the export is refused, 2 on
 * usage errors.
 */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const storeOnly = rest.includes('--store-only');
  const target = rest.find((arg) => arg !== '--store-only');
  if ((command !== 'export' && command !== 'import') || rest.some((arg) => arg.startsWith('--') && arg !== '--store-only') || (command === 'import' && storeOnly)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'import' && !target) {
    process.stderr.write(`import needs a directory or a file\n${USAGE}\n`);
    return 2;
  }
  const location = storeLocation();
  if (command === 'export' && location.kind === 'lowdb' && !fs.existsSync(path.join(location.dataDir, 'store.json'))) {
    process.stderr.write(`no store to export: ${path.join(location.dataDir, 'store.json')} does not exist (set DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const importsDirectory = command === 'import' && fs.existsSync(target!) && fs.statSync(target!).isDirectory();
  const snapshot = command === 'import' && !importsDirectory ? readStoreFileOrUsage(target!) : undefined;
  if (snapshot === null) return 2;
  const store = await openStore(location);
  const data = impactServices(store instanceof PgStore ? { pool: store.pool } : { dataDir: (location as { dataDir: string }).dataDir }, { clock: () => new Date(), threads: 0 });
  const say = (lines: string[]) => process.stderr.write(lines.map((line) => `${line}\n`).join(''));
  try {
    const whole = store as unknown as SnapshotStore;
    if (command === 'export' && target) {
      say(await exportDirectory(whole, data, target));
      return 0;
    }
    if (command === 'export') {
      const exported = await exportSnapshot(whole);
      const held = await impactCounts(
        data,
        exported.data.products.map((product) => product.id),
      );
      if ((held.portfolios || held.reports) && !storeOnly) {
        say([
          `refused: this store holds ${held.portfolios} portfolios and ${held.reports} simulation reports, which a single-file export leaves out.`,
          'Export them with the store: npm run store -- export <directory>   (or add --store-only to export the store document alone)',
        ]);
        return 1;
      }
      await new Promise<void>((resolve, reject) => process.stdout.write(`${JSON.stringify(exported)}\n`, (error) => (error ? reject(error) : resolve())));
      say([
        `exported ${exported.data.products.length} products, ${exported.data.versions.length} versions, ${exported.data.audit.length} audit events from ${describeLocation(location)}${held.portfolios || held.reports ? ` (store only: ${held.portfolios} portfolios and ${held.reports} reports not exported)` : ''}`,
      ]);
      return 0;
    }
    if (importsDirectory) {
      say([...(await importDirectory(whole, data, target!)).map((line) => line.replace(/^imported /, `imported into ${describeLocation(location)}: `))]);
      return 0;
    }
    const counts = await importSnapshot(whole, snapshot!);
    say([`imported into ${describeLocation(location)}: ${JSON.stringify(counts)}`]);
    if (fs.existsSync(path.join(path.dirname(target!), MANIFEST_FILE)))
      say([`note: only the store document was imported; to import the portfolios and reports beside it, import the directory ${path.dirname(target!)}`]);
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) {
      say([`refused: ${error.message}`, 'nothing was imported']);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** The single file to import, or null after telling why it cannot be read (a usage error: exit 2). */
function readStoreFileOrUsage(file: string) {
  try {
    return readStoreFile(file);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return null;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`store: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
