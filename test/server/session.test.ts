import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('studio session', () => {
  it('signs in with a demo password and sets an httpOnly, SameSite=Strict sid cookie', async () => {
    const response = await request(server.app).post('/api/studio/session').send({ username: 'author', password: 'author-demo-pass' });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({ username: 'author', displayName: expect.any(String), roles: ['author'] });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
  });

  it('refuses a wrong password and an unknown user alike with 401 CREDENTIALS_INVALID', async () => {
    const wrong = await request(server.app).post('/api/studio/session').send({ username: 'author', password: 'nope' });
    const unknown = await request(server.app).post('/api/studio/session').send({ username: 'nobody', password: 'nope' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('CREDENTIALS_INVALID');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers 422 with pointers when the sign-in body lacks fields', async () => {
    const response = await request(server.app).post('/api/studio/session').send({ username: 'author' });
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual({ pointer: '/password', message: expect.any(String), messageZh: '必填' });
  });

  it('tells who is signed in and forgets the session after sign-out', async () => {
    const agent = await server.as('approver');
    expect((await agent.get('/api/studio/session')).body.user.username).toBe('approver');
    const signOut = await agent.delete('/api/studio/session');
    expect(signOut.status).toBe(204);
    const after = await agent.get('/api/studio/session');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('ignores a forged session id', async () => {
    const response = await request(server.app).get('/api/studio/session').set('Cookie', 'sid=forged');
    expect(response.status).toBe(401);
  });
});
