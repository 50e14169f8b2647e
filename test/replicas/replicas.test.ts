import { afterAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import type { SpawnedServer } from '../server/spawn-server.ts';
import { type Answer, Load, percentile, Publisher, rateOf, startProcess } from './deployment.ts';

const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
const processes: SpawnedServer[] = [];
afterAll(async () => {
  for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await cluster?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyz(base: string): Promise<{ status: string; database?: string; releaseSeq?: number }> {
  return (await fetch(`${base}/readyz`)).json() as Promise<{ status: string }>;
}

/** Waits until `check` holds, polling every 50 ms, at most `ms`. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Every answer is wholly one version: a 200 whose version, hash and rate belong together. */
function checkWhole(answers: Answer[], hashes: Map<number, string>): void {
  const bad = answers.filter((answer) => answer.status !== 200 || hashes.get(answer.version!) !== answer.hash || answer.rate !== Number(rateOf(answer.version!)).toFixed(4));
  expect(bad.slice(0, 5), `${bad.length} of ${answers.length} answers failed or mixed versions`).toEqual([]);
}

describe.skipIf(!hasPostgres)('PostgreSQL, one authoring process and two runtime replicas', () => {
  it('publishes 20 versions under load, survives kill -9 of a replica and 10 s without PostgreSQL', async () => {
    cluster = await startCluster();
    const url = await cluster.createDatabase('replicas');
    const authoring = await startProcess(url, 'all');
    processes.push(authoring);
    const replicas = [await startProcess(url, 'runtime', { RELEASE_POLL_MS: '60000' }), await startProcess(url, 'runtime', { RELEASE_POLL_MS: '60000' })];
    processes.push(...replicas);

    // a replica serves the channel API and health only
    expect((await fetch(`${replicas[0].base}/api/studio/products`)).status).toBe(404);
    expect((await fetch(`${replicas[0].base}/`)).status).toBe(404);
    expect(await readyz(replicas[0].base)).toMatchObject({ role: 'runtime', status: 'ready', database: 'connected', listening: true });
    const examples = await fetch(`${replicas[1].base}/api/v1/products`, { headers: { 'x-api-key': 'demo-app-key' } });
    expect(examples.status).toBe(200); // the seeded examples, loaded at start

    const publisher = await Publisher.create(authoring.base, 'replica-loan');
    const hashes = new Map<number, string>();
    const first = await publisher.publish(1);
    hashes.set(1, first.hash);
    await until('version 1 on both replicas', async () => {
      for (const replica of replicas) if ((await fetch(`${replica.base}/api/v1/products/replica-loan`, { headers: { 'x-api-key': 'demo-app-key' } })).status !== 200) return false;
      return true;
    });

    const load = new Load('replica-loan');
    for (const [index, replica] of replicas.entries()) load.start(index, replica.base, 3);
    await sleep(500);

    // 20 publishes in a row while both replicas answer
    const published: { version: number; sentAt: number; answeredAt: number; publishedAt: number }[] = [];
    for (let version = 2; version <= 21; version += 1) {
      const result = await publisher.publish(version);
      expect(result.version).toBe(version);
      hashes.set(version, result.hash);
      published.push({ version, sentAt: result.sentAt, answeredAt: result.answeredAt, publishedAt: result.publishedAt });
    }
    await until('the last version on both replicas', () => replicas.every((_, index) => load.answers.some((answer) => answer.replica === index && answer.version === 21)));
    // delay: from the version's publishedAt (the approval's transaction) to the first answer with it;
    // also from the moment the approval request was sent (includes the approval's own time)
    const delays: number[] = [];
    const fromSent: number[] = [];
    const approvals = published.map((entry) => entry.answeredAt - entry.sentAt);
    for (const { version, sentAt, publishedAt } of published) {
      for (const index of [0, 1]) {
        const firstAnswer = load.answers.find((answer) => answer.replica === index && (answer.version ?? 0) >= version);
        expect(firstAnswer, `replica ${index} answered with version ${version}`).toBeDefined();
        delays.push(firstAnswer!.wall - publishedAt);
        fromSent.push(firstAnswer!.at - sentAt);
      }
    }
    const summary = (values: number[]) => ({ p50: Math.round(percentile(values, 50)), p99: Math.round(percentile(values, 99)), max: Math.round(Math.max(...values)) });
    console.log(
      JSON.stringify({
        publishToReplicaMs: { samples: delays.length, ...summary(delays) },
        fromApprovalSentMs: summary(fromSent),
        approvalRequestMs: summary(approvals),
        answers: load.answers.length,
      }),
    );
    checkWhole(load.answers, hashes);
    // The replicas poll only every 60 s here, so every version arriving well inside that proves it came
    // by NOTIFY. The p99 target (< 1 s) is a speed figure for the benchmark and the closing note, not a
    // timed assertion: on a loaded 2-core CI machine it is the scheduler, not the design, that varies.
    expect(Math.max(...delays)).toBeLessThan(30_000);

    // kill -9 one replica under load: the other keeps answering, without a failure
    load.halt(1);
    const killedAt = performance.now();
    replicas[1].child.kill('SIGKILL');
    await replicas[1].exited;
    await sleep(1_000);
    const afterKill = load.answers.filter((answer) => answer.replica === 0 && answer.at > killedAt);
    expect(afterKill.length).toBeGreaterThan(10);
    checkWhole(afterKill, hashes);

    // PostgreSQL stopped for 10 s: the replica answers from memory and says it is degraded
    const stoppedAt = performance.now();
    await cluster.stop();
    await until('/readyz degraded', async () => (await readyz(replicas[0].base)).status === 'degraded', 10_000);
    expect(await readyz(replicas[0].base)).toMatchObject({ status: 'degraded', database: 'unreachable', releaseSeq: expect.any(Number) });
    await sleep(10_000 - (performance.now() - stoppedAt));
    const duringOutage = load.answers.filter((answer) => answer.replica === 0 && answer.at > stoppedAt);
    expect(duringOutage.length).toBeGreaterThan(20);
    checkWhole(duringOutage, hashes);
    await cluster.start();
    await until('/readyz ready again', async () => (await readyz(replicas[0].base)).status === 'ready', 20_000);

    // a publish after PostgreSQL returned reaches the replica
    const after = await publisher.publish(22);
    hashes.set(22, after.hash);
    await until('version 22 on the surviving replica', () => load.answers.some((answer) => answer.replica === 0 && answer.version === 22), 10_000);
    await load.stop();
    checkWhole(
      load.answers.filter((answer) => answer.replica === 0),
      hashes,
    );
    console.log(
      JSON.stringify({
        afterOutage: { deliveredMs: Math.round(load.answers.find((answer) => answer.replica === 0 && answer.version === 22)!.at - after.sentAt) },
        answersReplica0: load.answers.filter((a) => a.replica === 0).length,
      }),
    );

    for (const server of [authoring, replicas[0]]) server.child.kill('SIGTERM');
    expect((await authoring.exited).code).toBe(0);
    expect((await replicas[0].exited).code).toBe(0);
  }, 300_000);
});
