import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { ROOT } from '../../server/root.ts';
import { captureLogger, channelTestApp, definitionFixture, fakeBuildEvaluator, KEYS, publishedVersion, storeWithKeys } from './fixtures.ts';

/**
 * What a channel developer does with the served OpenAPI document, with no network beyond our own
 * server: fetch `/api/openapi.json`, generate types with openapi-typescript 7 (the usual generator;
 * `npm run gen:client`), write a client with openapi-fetch against the generated `paths`, type-check
 * it with the project's tsc — and see a misspelt field refused by the compiler. Then the client runs
 * against the server. (docs/http-api.md, "A typed client".)
 */

// Inside the repository, so the client resolves openapi-fetch from its node_modules; removed afterwards.
const dir = path.join(ROOT, 'test/channel', `.openapi-client-${process.pid}`);
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const GENERATE = path.join(ROOT, 'tools/openapi-typescript/generate.mjs');

const tsconfig = (...files: string[]) => ({
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: [],
  },
  files,
});

/** The example of docs/http-api.md, "A typed client for a channel", as a reader copies it. */
const docExample = () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/http-api.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### A typed client for a channel'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!example) throw new Error('docs/http-api.md has no TypeScript example under "A typed client for a channel"');
  return example;
};

/** A channel's calls, written the way openapi-fetch's README shows, against the generated types. */
const CLIENT = `import createClient from 'openapi-fetch';
import type { components, paths } from './loan-api.ts';

export type Decision = components['schemas']['Decision'];

export async function channelCalls(baseUrl: string, apiKey: string) {
  const client = createClient<paths>({ baseUrl, headers: { 'X-API-Key': apiKey } });

  const list = await client.GET('/products');
  if (!list.data) throw new Error(\`listing failed: \${list.error?.code}\`);
  const ids: string[] = list.data.products.map((product) => product.id);

  const decided = await client.POST('/products/{id}/decisions', {
    params: { path: { id: ids[0] } },
    body: { application: { applicant: { age: 30 } }, requestedAmount: '50000', termMonths: 24, asOf: '2025-07-01' },
  });
  if (!decided.data) throw new Error(\`decision failed: \${decided.error?.code}\`);
  const decision: Decision = decided.data;
  const outcome: 'approve' | 'refer' | 'decline' = decision.outcome;
  const amount: string | undefined = decision.offer?.amount;

  const refused = await client.POST('/products/{id}/decisions', { params: { path: { id: ids[0] } }, body: { application: { applicant: { age: -1 } } } });
  const problem: string | undefined = refused.error?.code;

  const scheduled = await client.POST('/schedules', { body: { principal: '120000', annualRate: '6', termMonths: 12, method: 'equal-principal' } });
  if (!scheduled.data) throw new Error(\`schedule failed: \${scheduled.error?.code}\`);
  return { ids, outcome, amount, problem, rows: scheduled.data.rows.length, totals: scheduled.data.totals };
}
`;

/**
 * Three mistakes a developer makes: a misspelt required field in a call, a misspelt optional field in
 * a body declared with the generated request type, a misspelt response field. (openapi-fetch infers
 * an inline body generically, so TypeScript's excess-property check does not reach it: a misspelt
 * optional field is caught when the body is declared with its type, as docs/http-api.md advises.)
 */
const WRONG = `import createClient from 'openapi-fetch';
import type { components, paths } from './loan-api.ts';

export async function wrong(client = createClient<paths>({ baseUrl: 'http://127.0.0.1/api/v1' })) {
  const first = await client.POST('/products/{id}/decisions', { params: { path: { id: 'salary-loan' } }, body: { applicaton: {} } });
  const body: components['schemas']['DecisionRequest'] = { application: {}, requestedAmmount: '50000' };
  const second = await client.POST('/products/{id}/decisions', { params: { path: { id: 'salary-loan' } }, body });
  return [first.data?.outcome, second.data?.outcom];
}
`;

/** Runs a Node script without blocking this process (the generator fetches from the server in this process). */
const node = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
const tsc = (project: string) => node([TSC, '--noEmit', '-p', project]);

describe('a typed client generated from /api/openapi.json', () => {
  let server: ReturnType<ReturnType<typeof channelTestApp>['listen']>;
  let base: string;

  beforeAll(async () => {
    const catalog = defaultCatalog();
    const store = await storeWithKeys();
    await store.publish(publishedVersion(definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app'] }), 1), 'system');
    const runtime = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
    await runtime.load(store);
    const app = channelTestApp({ store, catalog, runtime, logger: captureLogger().logger });
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fs.mkdirSync(dir, { recursive: true });
  });

  afterAll(() => {
    server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates, compiles, refuses a misspelt field, and runs against the server', async () => {
    // 1. Generate the types from the served document, as `npm run gen:client -- <url> <out>` does.
    const generated = await node([GENERATE, `${base}/api/openapi.json`, path.join(dir, 'loan-api.ts')]);
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    const api = fs.readFileSync(path.join(dir, 'loan-api.ts'), 'utf8');
    expect(api).toContain('"/products/{id}/decisions": {');
    // An object schema without listed properties must stay open, or no application could be sent.
    expect(api).not.toMatch(/application: Record<string, never>/);

    // 2. The client compiles with the project's tsc.
    fs.writeFileSync(path.join(dir, 'client.ts'), CLIENT);
    fs.writeFileSync(path.join(dir, 'doc-example.ts'), docExample());
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig('client.ts', 'doc-example.ts')));
    const ok = await tsc('tsconfig.json');
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.status).toBe(0);

    // 3. A misspelt field does not.
    fs.writeFileSync(path.join(dir, 'wrong.ts'), WRONG);
    fs.writeFileSync(path.join(dir, 'tsconfig.wrong.json'), JSON.stringify(tsconfig('wrong.ts')));
    const wrong = await tsc('tsconfig.wrong.json');
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(5,\d+\): error TS\d+: .*'applicaton'/);
    expect(wrong.stdout).toMatch(/wrong\.ts\(6,\d+\): error TS(2353|2561): .*'requestedAmmount'/);
    expect(wrong.stdout).toMatch(/wrong\.ts\(8,\d+\): error TS2551: Property 'outcom' does not exist .* Did you mean 'outcome'\?/);

    // 4. The compiled calls work against the server.
    const client = (await import(path.join(dir, 'client.ts'))) as { channelCalls: (baseUrl: string, apiKey: string) => Promise<Record<string, unknown>> };
    const result = await client.channelCalls(`${base}/api/v1`, KEYS.app);
    expect(result).toMatchObject({ ids: ['salary-loan'], outcome: 'approve', amount: '50000', problem: 'APPLICATION_INVALID', rows: 12 });
    // 120,000 at 6 % over 12 months, equal principal: 10,000 a month; interest 600 + 550 + … + 50.
    expect(result.totals).toMatchObject({ interest: '3900.00' });
    const doc = (await import(path.join(dir, 'doc-example.ts'))) as { firstDecision: (baseUrl: string, apiKey: string, application: object) => Promise<Record<string, unknown>> };
    expect(await doc.firstDecision(`${base}/api/v1`, KEYS.app, { applicant: { age: 30 } })).toMatchObject({ outcome: 'approve', offer: { amount: '50000', termMonths: 24 } });
    await expect(doc.firstDecision(`${base}/api/v1`, KEYS.app, { applicant: { age: -1 } })).rejects.toThrow('APPLICATION_INVALID');
  }, 120_000);
});
