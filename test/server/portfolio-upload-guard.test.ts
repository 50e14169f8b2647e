import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, portfolioLines } from './impact-fixtures.ts';

// Uploads as an attacker sends them, over a real socket: a body larger than the byte limit (declared
// or streamed chunked), and a body that stops arriving. Each is refused with its own 413/408 naming
// the limit, in bounded time, with nothing stored and no temporary file left.
const MAX_BYTES = 64 * 1024;
const IDLE_MS = 400;
const MAX_MS = 3000;
let server: TestServer;
let listening: http.Server;
let base: string;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ examplesDir: EXAMPLES, files: true, app: { uploadLimits: { maxBytes: MAX_BYTES, idleMs: IDLE_MS, maxMs: MAX_MS, concurrent: 1 } } });
  const author = await server.as('author');
  await author
    .post('/api/studio/products')
    .send({ from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } })
    .expect(201);
  listening = server.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const signIn = await fetch(`${base}/api/studio/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'author', password: 'author-demo-pass' }),
  });
  expect(signIn.status).toBe(200);
  cookie = signIn.headers.get('set-cookie')!.split(';')[0];
});
afterAll(async () => {
  listening.closeAllConnections();
  await new Promise((resolve) => listening.close(resolve));
  await server.close();
});

/** The files under the product's portfolio folder (uploads in progress are `.upload-*`). */
const stored = () => {
  const folder = path.join(server.dataDir, 'portfolios', 'flash-copy');
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
  connection: string | undefined;
  ms: number;
  sent: number;
}

/**
 * Sends an upload by hand: `headers` as given, then `chunks` one at a time as long as the server
 * takes them (a chunk is a string, or a pause in ms). Resolves with the server's answer and how
 * many bytes had been sent when it came.
 */
function send(headers: Record<string, string>, chunks: (string | number)[], end = true): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(`${base}/api/studio/products/flash-copy/portfolios?name=attack`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-ndjson', ...headers } }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (data) => (text += data));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : { text }, connection: res.headers.connection, ms: performance.now() - started, sent }));
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.flushHeaders(); // the headers go now, whether or not a body follows
    void (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (typeof chunk === 'number') await new Promise((wait) => setTimeout(wait, chunk));
        else {
          sent += Buffer.byteLength(chunk);
          if (!req.write(chunk)) await new Promise((drained) => req.once('drain', drained));
        }
      }
      if (end && !answered) req.end();
    })().catch(() => undefined);
  });
}

const rows = portfolioLines(1);
const rowsOf = (bytes: number) => {
  const lines: string[] = [];
  for (let size = 0; size < bytes; ) {
    const line = `${rows[lines.length % rows.length]}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  return lines;
};

describe('portfolio upload limits (bytes, stalls)', () => {
  it('refuses a declared Content-Length over the limit before reading a byte, naming the limit, and closes the connection', async () => {
    const answer = await send({ 'content-length': String(10 * 1024 ** 3) }, [], false);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'PORTFOLIO_TOO_LARGE', limit: { maxBytes: MAX_BYTES } });
    expect(answer.body.title).toContain(`${MAX_BYTES} bytes`);
    expect(answer.connection).toBe('close');
    expect(stored()).toEqual([]);
  });

  it('refuses a chunked body as soon as it passes the limit: the rest is never read and nothing is stored', async () => {
    // 64 × the limit of good rows, sent without a length: only the bytes reveal it
    const answer = await send({ 'transfer-encoding': 'chunked' }, rowsOf(64 * MAX_BYTES));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'PORTFOLIO_TOO_LARGE', limit: { maxBytes: MAX_BYTES } });
    expect(answer.sent).toBeLessThan(64 * MAX_BYTES); // answered while the client was still sending
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored()).toEqual([]);
    expect((await (await server.as('author')).get('/api/studio/products/flash-copy/portfolios')).body.portfolios).toEqual([]);
  });

  it('takes a body just under the limit', async () => {
    const lines = rowsOf(MAX_BYTES - 2000);
    const answer = await send({ 'transfer-encoding': 'chunked' }, lines);
    expect(answer.status).toBe(201);
    expect(answer.body.portfolio).toMatchObject({ rows: lines.length, badRows: 0 });
    const hash = (answer.body.portfolio as { hash: string }).hash;
    await (await server.as('author')).delete(`/api/studio/products/flash-copy/portfolios/${hash}`).expect(204);
  });

  it('ends an upload that stops sending (slow loris) with 408 after the idle limit, leaving no temporary file', async () => {
    const answer = await send({ 'transfer-encoding': 'chunked' }, [rows.slice(0, 3).join('\n'), '\n', rows[3].slice(0, 40), 60_000], false);
    expect(answer.status).toBe(408);
    expect(answer.body).toMatchObject({ code: 'PORTFOLIO_UPLOAD_STALLED', limit: { idleMs: IDLE_MS } });
    expect(answer.ms).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(answer.ms).toBeLessThan(IDLE_MS + 3000);
    expect(answer.connection).toBe('close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored()).toEqual([]);
  });

  it('ends a trickle that never pauses long (a byte every 100 ms) with 408 PORTFOLIO_UPLOAD_TOO_SLOW at the upload time limit', async () => {
    const trickle = [...`${rows[0]}\n${rows[1]}`].flatMap((character) => [character, 100]);
    const answer = await send({ 'transfer-encoding': 'chunked' }, trickle, false);
    expect([answer.status, answer.body.code, answer.body.limit, answer.connection]).toEqual([408, 'PORTFOLIO_UPLOAD_TOO_SLOW', { maxMs: MAX_MS }, 'close']);
    expect(answer.ms).toBeGreaterThanOrEqual(MAX_MS - 50);
    expect(answer.ms).toBeLessThan(MAX_MS + 3000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored().filter((name) => name.startsWith('.upload-'))).toEqual([]);
  });

  it('keeps an upload that pauses, each pause shorter than the idle limit', async () => {
    const lines = rows.slice(0, 4).map((line) => `${line}\n`);
    const answer = await send({ 'transfer-encoding': 'chunked' }, [lines[0], IDLE_MS / 2, lines[1], IDLE_MS / 2, lines[2], IDLE_MS / 2, lines[3]]);
    expect(answer.status).toBe(201);
    expect(answer.body.portfolio).toMatchObject({ rows: 4 });
  });

  it('reads one upload at a time here (concurrent: 1): another meanwhile is refused with 429 UPLOADS_BUSY before a byte is read', async () => {
    const stalled = send({ 'transfer-encoding': 'chunked' }, [rows[0], 60_000], false); // holds the one place until the idle limit
    await new Promise((resolve) => setTimeout(resolve, 100));
    const busy = await send({ 'transfer-encoding': 'chunked' }, [`${rows[1]}\n`]);
    expect([busy.status, busy.body.code, busy.body.limit, busy.connection]).toEqual([429, 'UPLOADS_BUSY', { concurrent: 1 }, 'close']);
    expect((await stalled).status).toBe(408);
    const after = await send({ 'transfer-encoding': 'chunked' }, [`${rows[1]}\n`]); // the place is free again
    expect(after.status).toBe(201);
    await (await server.as('author')).delete(`/api/studio/products/flash-copy/portfolios/${(after.body.portfolio as { hash: string }).hash}`).expect(204);
  });

  it('refuses a compressed body (415 UNSUPPORTED_CONTENT_ENCODING) rather than reading its bytes as rows', async () => {
    const answer = await send({ 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' }, ['\u001f\u008b\u0008 not rows']);
    expect([answer.status, answer.body.code, answer.connection]).toEqual([415, 'UNSUPPORTED_CONTENT_ENCODING', 'close']);
    expect(stored().filter((name) => name.startsWith('.upload-'))).toEqual([]);
  });

  it('leaves nothing when the client breaks the upload off', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(`${base}/api/studio/products/flash-copy/portfolios?name=cut`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
      });
      req.on('error', () => resolve());
      req.write(`${rows[0]}\n${rows[1].slice(0, 30)}`);
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stored().filter((name) => name.startsWith('.upload-'))).toEqual([]);
    const list = (await (await server.as('author')).get('/api/studio/products/flash-copy/portfolios')).body.portfolios as { name: string }[];
    expect(list.map((portfolio) => portfolio.name)).not.toContain('cut');
  });
});
