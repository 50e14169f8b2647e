import { Readable } from 'node:stream';
import { impactServices } from '../../server/simulation/impact.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { portfolioRow } from './impact-storage-fixtures.ts';

/**
 * Run with --expose-gc: `portfolio-memory-child.ts <rows> <dataDir | postgres://…>`. Uploads a
 * portfolio of `rows` rows made one at a time, then reads it back; at fixed points it collects
 * garbage and measures what is live (heap + array buffers) above the start. Prints one JSON line:
 * the portfolio's bytes and the largest live growth while uploading and while reading.
 */
const gc = (globalThis as { gc?: () => void }).gc!;
const [rowsArgument, where] = process.argv.slice(2);
const rows = Number(rowsArgument);
const live = () => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const store = where.startsWith('postgres://') ? await PgStore.open(where) : undefined;
const services = impactServices(store ? { pool: store.pool } : { dataDir: where }, { threads: 0, clock: () => new Date() });
const base = live();
let peakUpload = 0;
const source = Readable.from(
  (function* () {
    for (let n = 1; n <= rows; n += 1) {
      if (n % 5000 === 0) peakUpload = Math.max(peakUpload, live() - base);
      yield `${portfolioRow(n)}\n`;
    }
  })(),
);
const { portfolio } = await services.portfolios.save(source, { productId: 'flash-copy', name: 'big', format: 'jsonl', uploadedBy: 'author', now: new Date().toISOString() });
let peakRead = 0;
let read = 0;
let pieces = 0;
for await (const piece of (await services.portfolios.openRows('flash-copy', portfolio.hash))!) {
  read += piece.length;
  if (++pieces % 10 === 0) peakRead = Math.max(peakRead, live() - base);
}
await store?.close();
console.log(JSON.stringify({ rows: portfolio.rows, bytes: portfolio.bytes, read, peakUploadMb: +(peakUpload / 2 ** 20).toFixed(1), peakReadMb: +(peakRead / 2 ** 20).toFixed(1) }));
