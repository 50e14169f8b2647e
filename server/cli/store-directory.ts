import fs from 'node:fs';
import path from 'node:path';
import { exportImpact, type ImpactData, ImportRefused, importImpact, MANIFEST_FILE, readManifest, verifyImpact } from '../simulation/impact-backup.ts';
import { processAlive } from '../store/data-dir-lock.ts';
import type { StoreData } from '../store/lowdb-store.ts';
import { exportSnapshot, importSnapshot, readSnapshot, type SnapshotStore, type StoreSnapshot } from '../store/snapshot.ts';

/** The store document's file in an export directory: the same JSON a single-file export writes. */
export const STORE_FILE = 'store.json';

/** The JSON of an export; lines npm prints before it (`> loan-blocks-studio@… store`, when run without --silent) are skipped. */
export function parseExport(text: string): unknown {
  const start = text.search(/^\{/m);
  return JSON.parse(start > 0 && /^(\s*(>.*)?\n)*$/.test(text.slice(0, start)) ? text.slice(start) : text);
}

/** Reads a store document file (a single-file export, or an export directory's store.json); a file that is not one is refused naming it. */
export function readStoreFile(file: string): StoreSnapshot {
  try {
    return readSnapshot(parseExport(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** How many portfolios and reports the store holds besides its document (what a single-file export would leave out). */
export async function impactCounts(data: ImpactData, productIds: string[]): Promise<{ portfolios: number; reports: number }> {
  let portfolios = 0;
  for (const id of productIds) portfolios += (await data.portfolios.list(id)).length;
  return { portfolios, reports: (await data.reports.hashes()).length };
}

/** Report hashes the store document refers to (reviews' impact, audit events' details) that `held` lacks: "review r-3: sha256:…". */
export function missingReports(data: StoreData, held: Set<string>): string[] {
  const missing: string[] = [];
  const check = (where: string, hash: unknown) => {
    if (typeof hash === 'string' && !held.has(hash)) missing.push(`${where}: ${hash}`);
  };
  for (const review of data.reviews) check(`review ${review.id}`, (review as { impact?: { simulation?: { report?: string } } }).impact?.simulation?.report);
  for (const event of data.audit) {
    const detail = event.detail as { report?: unknown; impact?: { simulation?: { report?: unknown } } } | undefined;
    check(`audit event ${event.seq}`, detail?.report);
    check(`audit event ${event.seq}`, detail?.impact?.simulation?.report);
  }
  return missing;
}

/** The name an unfinished export of `target` has: `<target>.partial-<pid of the exporting process>`. */
export const PARTIAL = /^(.*)\.partial-([0-9]+)$/;

/**
 * Unfinished exports of `target` beside it (`<target>.partial-<pid>`): removed when their process
 * no longer runs (it was killed or crashed mid-export: what it wrote is no export), refused when it
 * runs (another export of the same directory is under way). Lines saying what was removed.
 */
export async function clearPartialExports(target: string): Promise<string[]> {
  const base = target.replace(/[/\\]+$/, '');
  const parent = path.dirname(base);
  const said: string[] = [];
  for (const name of fs.existsSync(parent) ? await fs.promises.readdir(parent) : []) {
    const match = PARTIAL.exec(name);
    if (!match || match[1] !== path.basename(base)) continue;
    const pid = Number(match[2]);
    const folder = path.join(parent, name);
    if (pid === process.pid) continue; // this process's own: exportDirectory starts it afresh
    if (processAlive(pid))
      throw new Error(
        `${folder} is an export of ${target} that process ${pid} is still writing: wait for it to finish; if process ${pid} is no export (its id was reused), remove ${folder} yourself and export again`,
      );
    await fs.promises.rm(folder, { recursive: true, force: true });
    said.push(`removed ${folder}: an unfinished export left by process ${pid}, which no longer runs (it was stopped or crashed mid-export)`);
  }
  return said;
}

/**
 * Exports the store, its portfolios and its reports into a new directory `target` (see
 * server/simulation/impact-backup.ts for the layout). It is written under a temporary name beside
 * it (`<target>.partial-<pid>`) and renamed once complete, so a directory with that name is always
 * a whole export; an earlier export's temporary directory whose process is gone is removed first.
 */
export async function exportDirectory(store: SnapshotStore, data: ImpactData, target: string): Promise<string[]> {
  if (PARTIAL.test(path.basename(target.replace(/[/\\]+$/, '')))) throw new Error(`${target}: a name ending in .partial-<number> is how an unfinished export is named; choose another`);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length)) throw new Error(`${target} exists and is not an empty directory: export into a new directory`);
  const cleared = await clearPartialExports(target);
  const partial = `${target.replace(/[/\\]+$/, '')}.partial-${process.pid}`;
  await fs.promises.rm(partial, { recursive: true, force: true });
  await fs.promises.mkdir(partial, { recursive: true });
  try {
    const snapshot = await exportSnapshot(store);
    await fs.promises.writeFile(path.join(partial, STORE_FILE), `${JSON.stringify(snapshot)}\n`);
    const manifest = await exportImpact(
      partial,
      snapshot.data.products.map((product) => product.id),
      data,
      snapshot.exportedAt,
    );
    await fs.promises.writeFile(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    if (fs.existsSync(target)) await fs.promises.rmdir(target); // empty: checked above
    await fs.promises.rename(partial, target);
    const { products, versions, audit } = snapshot.data;
    const rows = manifest.portfolios.reduce((sum, entry) => sum + entry.rows, 0);
    return [
      ...cleared,
      `exported ${products.length} products, ${versions.length} versions, ${audit.length} audit events, ${manifest.portfolios.length} portfolios (${rows} rows) and ${manifest.reports.length} reports to ${target} (simulation jobs are not exported)`,
      ...missingReports(snapshot.data, new Set(manifest.reports)).map((where) => `warning: ${where} is a report this store does not hold (it reads as missing after an import too)`),
    ];
  } catch (error) {
    await fs.promises.rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Imports an export directory into an EMPTY store: refuses a store that holds anything, then checks
 * every portfolio and report file against its hash (refusing a damaged or edited one by name before
 * anything is stored), stores them, and the store document last; when the store refuses the
 * document, the portfolios and reports just stored are removed again.
 */
export async function importDirectory(store: SnapshotStore, data: ImpactData, dir: string): Promise<string[]> {
  const unfinished = PARTIAL.exec(path.basename(dir.replace(/[/\\]+$/, '')));
  if (unfinished)
    throw new ImportRefused(`${dir} is an unfinished export (written by process ${unfinished[2]}, renamed to ${unfinished[1]} only once whole): import ${unfinished[1]}, or export again`);
  if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) throw new ImportRefused(`${dir} holds no ${MANIFEST_FILE}: it is not a whole export directory (an export writes ${MANIFEST_FILE} last)`);
  const snapshot = readStoreFile(path.join(dir, STORE_FILE));
  const manifest = await readManifest(dir);
  const products = new Set(snapshot.data.products.map((product) => product.id));
  const orphan = manifest.portfolios.find((entry) => !products.has(entry.productId));
  if (orphan) throw new ImportRefused(`${path.join(dir, MANIFEST_FILE)}: portfolio ${orphan.hash} belongs to product ${orphan.productId}, which ${STORE_FILE} does not hold`);
  const current = await store.readAll();
  if (current.products.length || current.users.length || current.audit.length) throw new Error('the target store is not empty: import restores into an empty store only');
  await verifyImpact(dir, manifest);
  const imported = await importImpact(dir, manifest, data);
  let counts: Awaited<ReturnType<typeof importSnapshot>>;
  try {
    counts = await importSnapshot(store, snapshot);
  } catch (error) {
    await imported.undo();
    throw error;
  }
  return [
    `imported ${JSON.stringify({ ...counts, portfolios: imported.portfolios, portfolioRows: imported.rows, reports: imported.reports, alreadyPresent: imported.present })}`,
    ...missingReports(snapshot.data, new Set(manifest.reports)).map((where) => `warning: ${where} is a report the export does not hold (it reads as missing)`),
  ];
}
