import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { wireRequest, type BenchRequest } from './generate-applications.ts';
import { PRODUCT_ID } from './generate-product.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const API_KEY = 'demo-app-key'; // seeded demo key of the app channel (server/seed.ts)
export const DECISION_REQUESTS = 500; // different applications sent to the decision endpoint

export interface LoadFigures { requestsPerSecond: number; latencyP50Ms: number; latencyP99Ms: number; non2xx: number; errors: number; total: number; statusCodes: Record<string, number> }
export interface HttpFigures {
  rounds: number; // interleaved rounds; the best round of each endpoint is reported
  connections: number;
  durationSeconds: number;
  decision: LoadFigures;
  decisionExample: LoadFigures; // the salaried example product (23 blocks), its stored samples
  productCached304: LoadFigures; // GET with If-None-Match → 304
  product200: LoadFigures; // GET without → 200 with the body
  bareExpress: LoadFigures;
  decisionThreads: number; // the server's decision threads (DECISION_THREADS, default one per core beyond the first)
  decisionMainThread: LoadFigures; // the same decision requests to a second server started with DECISION_THREADS=0
  decisionBytesFloor: LoadFigures; // bare Express: the same decision requests parsed, the same response bytes, no decision work
  decisionRuntimePostgres?: LoadFigures; // the same decision requests to a SERVER_ROLE=runtime replica backed by PostgreSQL (absent when PostgreSQL cannot be installed)
  publish: { via: string; ms: number };
}

interface Child { child: ChildProcess; port: number; logFile: string; listening: Record<string, unknown> }

/** Decision requests from an example product's stored samples (published by the server's seeding), sent with the app key. */
function exampleRequests(productId: string): { method: 'POST'; path: string; headers: Record<string, string>; body: string }[] {
  const folder = path.join(ROOT, 'examples', productId, 'samples');
  return fs.readdirSync(folder).filter((file) => file.endsWith('.json')).sort().map((file) => {
    const sample = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { application: unknown; request: Record<string, unknown> };
    const { channel: _channel, ...request } = sample.request;
    return { method: 'POST', path: `/api/v1/products/${productId}/decisions`, headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify({ application: sample.application, ...request }) };
  });
}

/** Node arguments for a source file: its bundle under dist/ when built, else the source through tsx. */
export function runnable(script: string): string[] {
  const bundled = script === 'server/main.ts' ? 'dist/server.mjs' : script.replace(/^test\/bench\/(.*)\.ts$/, 'dist/bench/$1.mjs');
  return fs.existsSync(path.join(ROOT, bundled)) && bundled !== script ? [bundled] : ['--import', 'tsx', script];
}

/**
 * Starts a script with stdout to a file and resolves with the port from its first JSON line that
 * has one. Runs the esbuild bundle (what `npm start` runs) when `npm run bench` built one, the
 * TypeScript source through tsx otherwise.
 */
async function startChild(script: string, env: Record<string, string>, logFile: string): Promise<Child> {
  const out = fs.openSync(logFile, 'w');
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the servers
  const child = spawn(process.execPath, [...extra, ...runnable(script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
      try {
        const entry = JSON.parse(line) as { port?: number };
        if (typeof entry.port === 'number' && entry.port > 0) return { child, port: entry.port, logFile, listening: entry };
      } catch {
        // not a whole JSON line yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not report a port`);
}

async function call(base: string, method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${(await response.text()).slice(0, 500)}`);
  return response;
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const response = await call(base, 'POST', '/api/studio/session', { username, password });
  return response.headers.get('set-cookie')!.split(';')[0];
}

/** Publishes the document through the authoring API: author creates, saves and submits; an approver approves (four eyes). */
async function publish(base: string, document: FlowDocument): Promise<void> {
  const author = await signIn(base, 'author', 'author-demo-pass');
  const created = await call(base, 'POST', '/api/studio/products', { from: 'empty', id: PRODUCT_ID, name: { 'zh-CN': '信贷工厂', en: 'Credit factory' } }, { cookie: author });
  const revision = created.headers.get('etag')!;
  await call(base, 'PUT', `/api/studio/products/${PRODUCT_ID}/draft`, { document }, { cookie: author, 'if-match': revision });
  const review = (await (await call(base, 'POST', `/api/studio/products/${PRODUCT_ID}/submit`, { comment: 'benchmark' }, { cookie: author })).json()) as { id: string };
  const approver = await signIn(base, 'approver', 'approver-demo-pass');
  await call(base, 'POST', `/api/studio/reviews/${review.id}/approve`, { comment: 'benchmark' }, { cookie: approver });
}

/** Runs autocannon in a child process of its own (test/bench/load.ts) and reads its result. */
async function load(options: autocannon.Options): Promise<LoadFigures> {
  const child = spawn(process.execPath, runnable('test/bench/load.ts'), { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(JSON.stringify(options));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  const result = JSON.parse(output.trim().split('\n').pop()!) as autocannon.Result;
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count])),
  };
}

/** Runs the HTTP measurements against the real server and a bare Express app, one after the other on this machine. */
export async function measureHttp(document: FlowDocument, requests: BenchRequest[], responses: string[], options: { connections: number; durationSeconds: number; warmupSeconds: number; rounds: number }, log: (line: string) => void): Promise<HttpFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  const dataDirs = [dataDir];
  const children: Child[] = [];
  let cluster: PgCluster | undefined;
  try {
    log('http: starting server/main.ts …');
    const server = await startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' }, path.join(dataDir, 'server.log'));
    children.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    const publishStarted = performance.now();
    await publish(base, document);
    const publishMs = performance.now() - publishStarted;
    const oneThreadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
    dataDirs.push(oneThreadDir);
    log('http: starting a second server that decides in its main thread (DECISION_THREADS=0) …');
    const mainThreadServer = await startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', DATA_DIR: oneThreadDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', DECISION_THREADS: '0' }, path.join(oneThreadDir, 'server.log'));
    children.push(mainThreadServer);
    const mainThreadBase = `http://127.0.0.1:${mainThreadServer.port}`;
    await publish(mainThreadBase, document);
    const product = await call(base, 'GET', `/api/v1/products/${PRODUCT_ID}`, undefined, { 'x-api-key': API_KEY });
    const etag = product.headers.get('etag')!;
    const responsesFile = path.join(dataDir, 'responses.json');
    fs.writeFileSync(responsesFile, JSON.stringify(responses.slice(0, DECISION_REQUESTS)));
    // A channel runtime replica backed by PostgreSQL: an authoring process publishes into a throw-away
    // cluster, the replica (same decision threads as the embedded server) loads it and answers.
    let replicaBase: string | undefined;
    if (postgresBin() && !process.env.BENCH_NO_POSTGRES) {
      log('http: starting PostgreSQL, an authoring process and a runtime replica on it …');
      cluster = await startCluster();
      const url = await cluster.createDatabase('bench');
      const authoring = await startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, SERVER_ROLE: 'all', DECISION_THREADS: '0', LOG_LEVEL: 'info' }, path.join(dataDir, 'pg-authoring.log'));
      children.push(authoring);
      await publish(`http://127.0.0.1:${authoring.port}`, document);
      const replica = await startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, SERVER_ROLE: 'runtime', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' }, path.join(dataDir, 'pg-replica.log'));
      children.push(replica);
      replicaBase = `http://127.0.0.1:${replica.port}`;
      await call(replicaBase, 'GET', `/api/v1/products/${PRODUCT_ID}`, undefined, { 'x-api-key': API_KEY });
    } else {
      log('http: PostgreSQL is not available: the runtime-replica row is left out');
    }
    const bare = await startChild('test/bench/bare-server.ts', { BENCH_RESPONSES: responsesFile }, path.join(dataDir, 'bare.log'));
    children.push(bare);

    const common = { connections: options.connections, duration: options.durationSeconds };
    const decisionRequests = requests.slice(0, DECISION_REQUESTS).map((request) => ({
      method: 'POST' as const, path: `/api/v1/products/${PRODUCT_ID}/decisions`,
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify(wireRequest(request)),
    }));
    const floorRequests = decisionRequests.map((request, index) => ({ ...request, path: '/decisions', headers: { ...request.headers, 'x-bench-index': String(index) } }));
    const run = async (name: string, target: autocannon.Options) => {
      log(`http: ${name} (warm-up ${options.warmupSeconds}s, then ${options.durationSeconds}s at ${options.connections} connections) …`);
      await load({ ...target, connections: options.connections, duration: options.warmupSeconds });
      return load({ ...target, ...common });
    };
    const targets: Partial<Record<'bareExpress' | 'decisionBytesFloor' | 'decision' | 'decisionRuntimePostgres' | 'decisionMainThread' | 'decisionExample' | 'productCached304' | 'product200', autocannon.Options>> = {
      bareExpress: { url: `http://127.0.0.1:${bare.port}/` },
      decisionBytesFloor: { url: `http://127.0.0.1:${bare.port}`, requests: floorRequests },
      decision: { url: base, requests: decisionRequests },
      ...(replicaBase ? { decisionRuntimePostgres: { url: replicaBase, requests: decisionRequests } } : {}),
      decisionMainThread: { url: mainThreadBase, requests: decisionRequests },
      decisionExample: { url: base, requests: exampleRequests('salaried') },
      productCached304: { url: `${base}/api/v1/products/${PRODUCT_ID}`, headers: { 'x-api-key': API_KEY, 'if-none-match': etag } },
      product200: { url: `${base}/api/v1/products/${PRODUCT_ID}`, headers: { 'x-api-key': API_KEY } },
    };
    // Other processes share this machine: endpoints are measured in interleaved rounds and the best round of each is kept.
    const best: Partial<Record<keyof typeof targets, LoadFigures>> = {};
    for (let round = 1; round <= options.rounds; round++) {
      const only = process.env.BENCH_ENDPOINTS?.split(','); // e.g. "bareExpress,decision" while profiling one endpoint
      for (const [name, target] of Object.entries(targets) as [keyof typeof targets, autocannon.Options][]) {
        if (only && !only.includes(name)) continue;
        const figures = await run(`${name}, round ${round}`, target);
        if (!best[name] || figures.requestsPerSecond > best[name]!.requestsPerSecond) best[name] = figures;
      }
    }
    const { bareExpress, decisionBytesFloor, decision, decisionMainThread, decisionExample, productCached304, product200, decisionRuntimePostgres } = best as Record<keyof typeof targets, LoadFigures>;
    return { rounds: options.rounds, connections: options.connections, durationSeconds: options.durationSeconds, decision, ...(decisionRuntimePostgres ? { decisionRuntimePostgres } : {}), decisionMainThread, decisionExample, productCached304, product200, bareExpress, decisionBytesFloor, decisionThreads: Number(server.listening.decisionThreads ?? 0), publish: { via: 'authoring API: author creates, saves, submits; approver approves', ms: publishMs } };
  } finally {
    for (const { child } of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    await cluster?.remove();
  }
}
