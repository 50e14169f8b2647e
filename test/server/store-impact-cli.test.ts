import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../server/app.ts';
import { seedEmptyStore } from '../../server/seed.ts';
import { type ImpactServices, impactServices } from '../../server/simulation/impact.ts';
import type { PortfolioMeta } from '../../server/simulation/portfolio-store.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { catalog } from './fixtures.ts';
import { flashLoan, portfolioRow, portfolioRows, textOf, upload } from './impact-storage-fixtures.ts';
import { ROOT } from './spawn-server.ts';

/**
 * `npm run store -- export <directory>` / `import <directory>` carry the portfolios and the
 * simulation reports with the store, both ways between the embedded store and PostgreSQL, and an
 * import checks every file against its hash: a damaged or edited one is refused by name and nothing
 * is imported.
 */
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-impact-cli-'));
  if (hasPostgres) cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.remove();
  await fs.rm(work, { recursive: true, force: true });
});

/** Runs `npm run store -- <args>` (as tsx) with only the given store variable set; `heapMb` caps its JavaScript heap (old space). */
function storeCli(args: string[], env: { DATA_DIR?: string; DATABASE_URL?: string }, heapMb?: number) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = process.env;
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const result = spawnSync(process.execPath, [...heap, '--import', 'tsx', 'server/cli/store.ts', ...args], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha256 = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const clock = () => new Date('2026-11-22T08:00:00Z');
const PRODUCT = 'flash-loan';

/** Everything impact-related a store holds, read back through its own interfaces (rows and report texts whole: these portfolios are small). */
async function contents(services: ImpactServices, reportHash: string): Promise<{ portfolios: PortfolioMeta[]; rows: Record<string, string>; report: string | undefined; reports: string[] }> {
  const portfolios = await services.portfolios.list(PRODUCT);
  const rows: Record<string, string> = {};
  for (const meta of portfolios) rows[meta.hash] = await textOf((await services.portfolios.openRows(PRODUCT, meta.hash))!);
  return { portfolios, rows, report: await services.reports.read(reportHash), reports: await services.reports.hashes() };
}

async function countsIn(url: string): Promise<Record<string, number>> {
  const store = await PgStore.open(url);
  try {
    const counts: Record<string, number> = {};
    for (const table of ['products', 'portfolios', 'portfolio_chunks', 'simulation_reports'])
      counts[table] = (await store.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`)).rows[0].count;
    return counts;
  } finally {
    await store.close();
  }
}

describe.skipIf(!hasPostgres)('npm run store -- export <directory> | import <directory>: portfolios and reports move with the store', () => {
  let pilotDir: string;
  let exportDir: string;
  let reportHash: string;
  let pilot: Awaited<ReturnType<typeof contents>>;

  beforeAll(async () => {
    // a pilot's embedded store: the seeded examples, two portfolios (one of 2,200 rows), a simulation's report an audit event refers to
    pilotDir = path.join(work, 'pilot');
    const store = await LowdbStore.open(pilotDir);
    await seedEmptyStore(store, { catalog: catalog(), examplesDir: EXAMPLES_DIR, channelKeys: [] });
    const services = impactServices({ dataDir: pilotDir }, { threads: 0, clock });
    const big = (await upload(services, PRODUCT, portfolioRows(200), 'big', '2026-11-20T08:00:00.000Z')).portfolio;
    await upload(
      services,
      PRODUCT,
      portfolioRows(1).map((row) => row.replace('Applicant', '申请人')),
      '小样本',
      '2026-11-21T08:00:00.000Z',
    ); // not only ASCII
    const job = await services.jobs.start({
      productId: PRODUCT,
      portfolio: big,
      definitions: [flashLoan(), flashLoan()],
      versions: { before: 1, after: 'draft' },
      startedBy: 'author',
      asOf: '2026-11-22',
    });
    await services.jobs.settled(job.id);
    reportHash = (await services.jobs.get(job.id))!.report!;
    await store.appendAudit({ actor: 'approver', action: 'review.impact.open', productId: PRODUCT, detail: { reviewId: 'r-1', report: reportHash } });
    await store.close();
    pilot = await contents(services, reportHash);
    expect(pilot.portfolios.map((meta) => meta.name)).toEqual(['小样本', 'big']);
    expect(pilot.report).toBeDefined();
  }, 120_000);

  it('a single-file export is refused when it would leave portfolios out, unless --store-only', () => {
    const refused = storeCli(['export'], { DATA_DIR: pilotDir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/holds 2 portfolios and 1 simulation reports.*\n.*npm run store -- export <directory>/);
    const storeOnly = storeCli(['export', '--store-only'], { DATA_DIR: pilotDir });
    expect(storeOnly.code, storeOnly.stderr).toBe(0);
    expect(JSON.parse(storeOnly.stdout).format).toBe('loan-blocks-store');
    expect(storeOnly.stderr).toMatch(/store only: 2 portfolios and 1 reports not exported/);
  }, 60_000);

  it('moves the pilot to PostgreSQL and back: every portfolio lists, its rows read back identical, the report reads back', async () => {
    exportDir = path.join(work, 'export-1');
    const exported = storeCli(['export', exportDir], { DATA_DIR: pilotDir });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/2 portfolios \(2211 rows\) and 1 reports to .*simulation jobs are not exported/);
    expect(exported.stderr).not.toMatch(/warning/);
    // the layout an operator reads: each file named by the SHA-256 of its own bytes
    for (const meta of pilot.portfolios) {
      const rows = await fs.readFile(path.join(exportDir, 'portfolios', PRODUCT, `${meta.hash.slice(7)}.jsonl`));
      expect(sha256(rows)).toBe(meta.hash);
      expect(JSON.parse(await fs.readFile(path.join(exportDir, 'portfolios', PRODUCT, `${meta.hash.slice(7)}.json`), 'utf8'))).toEqual(meta);
    }
    expect(sha256(await fs.readFile(path.join(exportDir, 'reports', `${reportHash.slice(7)}.json`)))).toBe(reportHash);
    expect(JSON.parse(await fs.readFile(path.join(exportDir, 'store.json'), 'utf8')).format).toBe('loan-blocks-store');
    expect((await fs.readdir(work)).filter((name) => name.includes('.partial-'))).toEqual([]);

    const url = await cluster!.createDatabase('moved_impact');
    const imported = storeCli(['import', exportDir], { DATABASE_URL: url });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/"portfolios":2,"portfolioRows":2211,"reports":1/);
    const pg = await PgStore.open(url);
    try {
      expect(await contents(impactServices({ pool: pg.pool }, { threads: 0, clock }), reportHash)).toEqual(pilot);
      expect((await pg.listAudit()).at(-1)!.detail).toEqual({ reviewId: 'r-1', report: reportHash });
    } finally {
      await pg.close();
    }
    const again = storeCli(['import', exportDir], { DATABASE_URL: url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);

    // and back: PostgreSQL → a new export → a new embedded store
    const secondDir = path.join(work, 'export-2');
    const fromPostgres = storeCli(['export', secondDir], { DATABASE_URL: url });
    expect(fromPostgres.code, fromPostgres.stderr).toBe(0);
    for (const file of [
      ...pilot.portfolios.flatMap((meta) => [`portfolios/${PRODUCT}/${meta.hash.slice(7)}.jsonl`, `portfolios/${PRODUCT}/${meta.hash.slice(7)}.json`]),
      `reports/${reportHash.slice(7)}.json`,
    ])
      expect(await fs.readFile(path.join(secondDir, file)), file).toEqual(await fs.readFile(path.join(exportDir, file)));
    const restoredDir = path.join(work, 'restored');
    const restored = storeCli(['import', secondDir], { DATA_DIR: restoredDir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(await contents(impactServices({ dataDir: restoredDir }, { threads: 0, clock }), reportHash)).toEqual(pilot);
    expect(JSON.parse(storeCli(['export', '--store-only'], { DATA_DIR: restoredDir }).stdout).data).toEqual(JSON.parse(await fs.readFile(path.join(exportDir, 'store.json'), 'utf8')).data);
  }, 240_000);

  it('refuses an export whose portfolio or report was edited, naming the file, and imports nothing', async () => {
    const big = pilot.portfolios.find((meta) => meta.name === 'big')!;
    const edits: [string, (text: string) => string][] = [
      [`portfolios/${PRODUCT}/${big.hash.slice(7)}.jsonl`, (text) => text.replace('"Applicant 2000"', '"Applicant 2001"')], // one digit of one row: same size
      [`portfolios/${PRODUCT}/${big.hash.slice(7)}.jsonl`, (text) => text.slice(0, text.indexOf('\n', 1000) + 1)], // cut short
      [`reports/${reportHash.slice(7)}.json`, (text) => text.replace('"approve":', '"approve": ')],
    ];
    for (const [index, [file, edit]] of edits.entries()) {
      const tampered = path.join(work, `tampered-${index}`);
      await fs.cp(exportDir, tampered, { recursive: true });
      const text = await fs.readFile(path.join(tampered, file), 'utf8');
      expect(edit(text)).not.toBe(text);
      await fs.writeFile(path.join(tampered, file), edit(text));
      const url = await cluster!.createDatabase(`tampered_${index}`);
      const result = storeCli(['import', tampered], { DATABASE_URL: url });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`refused: ${path.join(tampered, file)}: `);
      expect(result.stderr).toMatch(/nothing was imported/);
      expect(await countsIn(url)).toEqual({ products: 0, portfolios: 0, portfolio_chunks: 0, simulation_reports: 0 });
    }
    // a portfolio of a product the store does not hold would be unreachable: refused
    const orphan = path.join(work, 'orphan');
    await fs.cp(exportDir, orphan, { recursive: true });
    const manifest = JSON.parse(await fs.readFile(path.join(orphan, 'manifest.json'), 'utf8'));
    manifest.portfolios[0].productId = 'no-such-product';
    await fs.writeFile(path.join(orphan, 'manifest.json'), JSON.stringify(manifest));
    const refused = storeCli(['import', orphan], { DATA_DIR: path.join(work, 'orphan-target') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/manifest\.json: portfolio sha256:[0-9a-f]{64} belongs to product no-such-product, which store\.json does not hold/);
    // a missing file is named too
    const missing = path.join(work, 'missing');
    await fs.cp(exportDir, missing, { recursive: true });
    await fs.rm(path.join(missing, 'reports', `${reportHash.slice(7)}.json`));
    const result = storeCli(['import', missing], { DATA_DIR: path.join(work, 'missing-target') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/reports\/[0-9a-f]{64}\.json: missing/);
  }, 240_000);

  it('takes the portfolios and reports back out when the store document is refused after them', async () => {
    const broken = path.join(work, 'broken-store');
    await fs.cp(exportDir, broken, { recursive: true });
    const snapshot = JSON.parse(await fs.readFile(path.join(broken, 'store.json'), 'utf8'));
    snapshot.data.users[0].roles = ['superuser']; // a role that does not exist: PostgreSQL's constraint refuses the whole document
    await fs.writeFile(path.join(broken, 'store.json'), JSON.stringify(snapshot));
    const url = await cluster!.createDatabase('broken_store');
    const result = storeCli(['import', broken], { DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/check constraint/);
    expect(await countsIn(url)).toEqual({ products: 0, portfolios: 0, portfolio_chunks: 0, simulation_reports: 0 });
  }, 120_000);

  it('still imports an old single-file export (the store document alone)', async () => {
    const file = path.join(exportDir, 'store.json');
    const dir = path.join(work, 'from-file');
    const result = storeCli(['import', file], { DATA_DIR: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/only the store document was imported; to import the portfolios and reports beside it, import the directory/);
  }, 60_000);

  it('moves 100,000 rows both ways with a 40 MB JavaScript heap (their 42 MB of text never held whole)', async () => {
    // a 100,000-row portfolio read whole (readFile + split) does not even fit such a heap: the export and the import stream it
    const bigDir = path.join(work, 'big-pilot');
    const store = await LowdbStore.open(bigDir);
    await seedEmptyStore(store, { catalog: catalog(), examplesDir: EXAMPLES_DIR, channelKeys: [] });
    await store.close();
    const services = impactServices({ dataDir: bigDir }, { threads: 0, clock });
    const rows = function* () {
      for (let n = 1; n <= 100_000; n += 1) yield `${portfolioRow(n)}\n`;
    };
    const { portfolio } = await services.portfolios.save(Readable.from(rows()), { productId: PRODUCT, name: '100k', format: 'jsonl', uploadedBy: 'author', now: '2026-11-22T08:00:00.000Z' });
    expect(portfolio).toMatchObject({ rows: 100_000 });
    expect(portfolio.bytes).toBeGreaterThan(40_000_000);
    const url = await cluster!.createDatabase('big_impact');
    const steps: [string[], { DATA_DIR?: string; DATABASE_URL?: string }][] = [
      [['export', path.join(work, 'big-1')], { DATA_DIR: bigDir }],
      [['import', path.join(work, 'big-1')], { DATABASE_URL: url }],
      [['export', path.join(work, 'big-2')], { DATABASE_URL: url }],
      [['import', path.join(work, 'big-2')], { DATA_DIR: path.join(work, 'big-back') }],
    ];
    for (const [args, env] of steps) {
      const result = storeCli(args, env, 40);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const back = await fs.readFile(path.join(work, 'big-back', 'portfolios', PRODUCT, `${portfolio.hash.slice(7)}.jsonl`));
    expect(sha256(back)).toBe(portfolio.hash);
    expect(await impactServices({ dataDir: path.join(work, 'big-back') }, { threads: 0, clock }).portfolios.get(PRODUCT, portfolio.hash)).toEqual(portfolio);
  }, 300_000);
});
