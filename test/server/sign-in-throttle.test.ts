import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer | undefined;
afterEach(() => server?.close());

/** A logger whose JSON lines the test reads. */
function capturingLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk, _encoding, done) { for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line)); done(); } });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const attempt = (username: string, password: string, from = '10.0.0.1') => request(server!.app).post('/api/studio/session').set('X-Forwarded-For', from).send({ username, password });

describe('sign-in throttling', () => {
  it('locks an account after 10 failed sign-ins: the right password then answers 429 with Retry-After, and the lock-out is logged without the password', async () => {
    const { logger, lines } = capturingLogger();
    server = await startTestServer({ logger, app: { trustProxy: 1 } });
    for (let index = 0; index < 10; index += 1) expect((await attempt('author', `guess-number-${index}`, `10.0.1.${index}`)).status).toBe(401);
    const locked = await attempt('author', 'author-demo-pass', '10.0.2.1');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('SIGN_IN_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    for (let index = 0; index < 5; index += 1) expect((await attempt('author', 'author-demo-pass', '10.0.2.2')).status).toBe(429); // logged once, not per refusal
    // another account from the same addresses is not locked
    expect((await attempt('approver', 'approver-demo-pass', '10.0.1.1')).status).toBe(200);
    const lockout = lines.filter((line) => line.event === 'sign-in.locked');
    expect(lockout).toHaveLength(1);
    expect(lockout[0]).toMatchObject({ level: 40, scope: 'sign-in-account', username: 'author', address: '10.0.2.1' });
    expect(JSON.stringify(lines)).not.toMatch(/guess-number|author-demo-pass/);
  });

  it('throttles one address that tries many accounts after 50 failures', async () => {
    server = await startTestServer({ app: { trustProxy: 1 } });
    for (let index = 0; index < 50; index += 1) expect((await attempt(`user${index}`, 'wrong password!', '10.9.9.9')).status).toBe(401);
    expect((await attempt('author', 'author-demo-pass', '10.9.9.9')).status).toBe(429);
    expect((await attempt('author', 'author-demo-pass', '10.9.9.10')).status).toBe(200);
  });

  it('does not count successful sign-ins or invalid bodies', async () => {
    server = await startTestServer({ app: { trustProxy: 1 } });
    for (let index = 0; index < 15; index += 1) expect((await attempt('author', 'author-demo-pass')).status).toBe(200);
    for (let index = 0; index < 15; index += 1) expect((await request(server.app).post('/api/studio/session').send({ username: 'author' })).status).toBe(422);
    expect((await attempt('author', 'author-demo-pass')).status).toBe(200);
  });

  it('takes the counters from a pluggable store (one per scope), as a shared database store would', async () => {
    const scopes: string[] = [];
    const { MemoryStore } = await import('express-rate-limit');
    server = await startTestServer({ app: { trustProxy: 1, signInThrottle: { perAccount: 2, store: (scope) => { scopes.push(scope); return new MemoryStore(); } } } });
    await attempt('author', 'nope nope nope');
    await attempt('author', 'nope nope nope');
    expect((await attempt('author', 'author-demo-pass')).status).toBe(429);
    expect(scopes.sort()).toEqual(['sign-in-account', 'sign-in-address']);
  });
});
