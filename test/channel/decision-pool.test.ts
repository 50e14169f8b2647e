import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../server/app.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import { DecisionPool, decisionThreadCount } from '../../server/channel/decision-pool.ts';
import { answerDecision, type DecisionCall } from '../../server/channel/decision-request.ts';
import { RuntimeRegistry, type RuntimeEntry } from '../../server/channel/runtime-registry.ts';
import { publishExamples } from '../../server/seed.ts';
import type { SampleApplication } from '../../server/store/store.ts';
import { MemoryStore } from '../server/fakes/memory-store.ts';
import { captureLogger, definitionFixture, fakeBuildEvaluator, publishedVersion } from './fixtures.ts';

const catalog = defaultCatalog();
const thread = (name: string) => new URL(`./threads/${name}.ts`, import.meta.url);
/** A sample as a channel sends it: the body text, the channel from the key, the trace asked for on some. */
const callOf = (sample: SampleApplication): DecisionCall => {
  const { channel = 'app', ...request } = sample.request;
  return { body: JSON.stringify({ application: sample.application, ...request }), include: channel === 'branch' ? 'trace' : undefined, channel, today: '2026-11-22' };
};
const call = (body: unknown): DecisionCall => ({ body: JSON.stringify(body), include: undefined, channel: 'app', today: '2026-11-22' });
const outcomeOf = (reply: Awaited<ReturnType<DecisionPool['answer']>>) => (reply.kind === 'decision' ? JSON.parse(reply.json).outcome : reply.kind);

describe('decision threads', () => {
  let runtime: RuntimeRegistry;
  let samples: { entry: RuntimeEntry; sample: SampleApplication }[];
  let pool: DecisionPool;

  beforeAll(async () => {
    const store = new MemoryStore();
    runtime = new RuntimeRegistry(catalog);
    await runtime.load(store);
    const { published } = await publishExamples(store, catalog, EXAMPLES_DIR, runtime);
    samples = [];
    for (const productId of published) {
      const entry = runtime.latest(productId)!;
      for (const sample of (await store.getProduct(productId))!.samples) samples.push({ entry, sample });
    }
    pool = new DecisionPool(2);
    await pool.ready();
  });
  afterAll(() => pool.close());

  it('answers every example sample with the same bytes as the main thread, from the threads', async () => {
    expect(samples.length).toBeGreaterThan(50);
    const replies = await Promise.all(samples.map(({ entry, sample }) => pool.answer(entry, callOf(sample))));
    replies.forEach((reply, index) => {
      const { entry, sample } = samples[index];
      expect(reply).toEqual(answerDecision(entry.evaluator, callOf(sample)));
      expect(outcomeOf(reply)).toBe(sample.expected!.outcome);
    });
    expect(replies.filter((reply) => reply.kind === 'decision' && JSON.parse(reply.json).trace).length).toBeGreaterThan(0); // the branch samples asked for it
    expect(pool.stats()).toMatchObject({ threads: 2, inThreads: samples.length, inMainThread: 0, replacedThreads: 0 });
  });

  it('returns the field errors of a broken request with their pointers, and a body that is not JSON as malformed', async () => {
    const { entry } = samples[0];
    const broken = { ...call({ application: { applicant: { age: 'thirty' } }, termMonths: 0 }), include: 'rules' };
    const reply = await pool.answer(entry, broken);
    expect(reply).toMatchObject({ kind: 'invalid', code: 'REQUEST_INVALID' });
    expect(reply.kind === 'invalid' && reply.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/application/applicant/age', '/termMonths', '/query/include']));
    expect(reply).toEqual(answerDecision(entry.evaluator, broken));
    expect(await pool.answer(entry, { ...call({}), body: '{"application": {' })).toEqual({ kind: 'malformed' });
  });
});

describe('when a decision thread cannot decide', () => {
  it('decides a version the thread cannot build in the main thread, and says so in the log', async () => {
    const logs = captureLogger();
    const pool = new DecisionPool(1, { logger: logs.logger });
    await pool.ready();
    const definition = definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app'] });
    const registry = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator }); // the main thread's evaluator; the thread builds the real one and fails
    const entry = registry.publish(publishedVersion({ ...definition, blocks: [{ id: 'x', type: 'no-such-block', config: {} }] as never }, 1));
    const request = call({ application: { applicant: { age: 30 } }, requestedAmount: '20000.00', termMonths: 12 });
    const reply = await pool.answer(entry, request);
    expect(reply).toEqual(answerDecision(entry.evaluator, request));
    expect(reply.kind === 'decision' && JSON.parse(reply.json).offer.amount).toBe('20000.00');
    expect(pool.stats()).toMatchObject({ inThreads: 0, inMainThread: 1 });
    expect(logs.records().some((r) => r.event === 'decision-thread' && String(r.message).includes('no-such-block'))).toBe(true);
    await pool.close();
  });

  it('decides the requests of a thread that stops in the main thread and starts another thread', async () => {
    const registry = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
    const entry = registry.publish(publishedVersion(definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app'] }), 1));
    const pool = new DecisionPool(1, { script: thread('exits-on-decide'), logger: captureLogger().logger });
    await pool.ready();
    const requests = [30, 16, 45].map((age) => call({ application: { applicant: { age } } }));
    const replies = await Promise.all(requests.map((request) => pool.answer(entry, request)));
    expect(replies).toEqual(requests.map((request) => answerDecision(entry.evaluator, request)));
    expect(replies.map(outcomeOf)).toEqual(['approve', 'decline', 'approve']);
    expect(pool.stats()).toMatchObject({ threads: 1, inMainThread: 3, replacedThreads: 1 });
    await pool.close();
  });

  it('stops starting threads that fail before they are ready, and decides in the main thread', async () => {
    const logs = captureLogger();
    const pool = new DecisionPool(2, { script: thread('cannot-start'), logger: logs.logger });
    await pool.ready();
    expect(pool.size).toBe(0);
    const registry = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
    const entry = registry.publish(publishedVersion(definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app'] }), 1));
    expect(outcomeOf(await pool.answer(entry, call({ application: { applicant: { age: 30 } } })))).toBe('approve');
    expect(logs.records().filter((r) => r.msg === 'decision threads cannot start; deciding in the main thread')).toHaveLength(1);
    await pool.close();
  });
});

describe('DECISION_THREADS', () => {
  it('takes a whole number, and refuses anything else with a message naming the variable', () => {
    expect(decisionThreadCount('0')).toBe(0);
    expect(decisionThreadCount('3')).toBe(3);
    expect(() => decisionThreadCount('two')).toThrow(/DECISION_THREADS must be a whole number/);
    expect(() => decisionThreadCount('-1')).toThrow(/DECISION_THREADS/);
    expect(decisionThreadCount(undefined)).toBeGreaterThanOrEqual(0);
  });
});
