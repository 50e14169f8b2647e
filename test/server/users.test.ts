import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const signIn = (username: string, password: string) => request(server.app).post('/api/studio/session').send({ username, password });

async function agentOf(username: string, password: string): Promise<request.Agent> {
  const agent = request.agent(server.app);
  const response = await agent.post('/api/studio/session').send({ username, password });
  expect(response.status).toBe(200);
  return agent;
}

describe('users managed through the admin API', () => {
  it('creates a user who can sign in with the roles given, and lists users without password hashes', async () => {
    const admin = await server.as('admin');
    const created = await admin.post('/api/studio/users').send({ username: 'li.wei', displayName: '李伟', roles: ['author'], password: 'correct horse battery' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ username: 'li.wei', displayName: '李伟', roles: ['author'], disabled: false });
    expect((await signIn('li.wei', 'correct horse battery')).body.user).toEqual({ username: 'li.wei', displayName: '李伟', roles: ['author'] });
    const list = await admin.get('/api/studio/users');
    expect(list.body.users.map((user: { username: string }) => user.username)).toContain('li.wei');
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    expect((await admin.post('/api/studio/users').send({ username: 'li.wei', roles: ['author'], password: 'another long password' })).body.code).toBe('USER_EXISTS');
  });

  it('refuses a short password, a demo password and one containing the user name with 422 PASSWORD_WEAK', async () => {
    const admin = await server.as('admin');
    for (const password of ['short', 'author-demo-pass', 'zhang-san-2026!!']) {
      const response = await admin.post('/api/studio/users').send({ username: 'zhang-san', roles: ['author'], password });
      expect(response.status, password).toBe(422);
      expect(response.body.code).toBe('PASSWORD_WEAK');
      expect(response.body.errors[0].pointer).toBe('/password');
    }
  });

  it("ends a disabled user's sessions at once and refuses their sign-in until enabled again", async () => {
    const author = await server.as('author');
    expect((await author.get('/api/studio/products')).status).toBe(200);
    const admin = await server.as('admin');
    expect((await admin.patch('/api/studio/users/author').send({ disabled: true })).body.disabled).toBe(true);
    expect((await author.get('/api/studio/products')).status).toBe(401);
    const refused = await signIn('author', 'author-demo-pass');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('USER_DISABLED');
    expect((await signIn('author', 'wrong password here')).body.code).toBe('CREDENTIALS_INVALID'); // no hint without the password
    await admin.patch('/api/studio/users/author').send({ disabled: false }).expect(200);
    expect((await signIn('author', 'author-demo-pass')).status).toBe(200);
  });

  it("resets a password: the old one stops working and the user's sessions end", async () => {
    const author = await server.as('author');
    await (await server.as('admin')).put('/api/studio/users/author/password').send({ password: 'a brand new password' }).expect(204);
    expect((await author.get('/api/studio/session')).status).toBe(401);
    expect((await signIn('author', 'author-demo-pass')).status).toBe(401);
    expect((await signIn('author', 'a brand new password')).status).toBe(200);
  });

  it('never disables or demotes the last enabled admin (409 LAST_ADMIN)', async () => {
    const admin = await server.as('admin');
    expect((await admin.patch('/api/studio/users/admin').send({ disabled: true })).body.code).toBe('LAST_ADMIN');
    expect((await admin.patch('/api/studio/users/admin').send({ roles: ['author'] })).body.code).toBe('LAST_ADMIN');
    await admin.patch('/api/studio/users/approver2').send({ roles: ['approver', 'admin'] }).expect(200);
    expect((await admin.patch('/api/studio/users/admin').send({ disabled: true })).status).toBe(200);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const here = await agentOf('approver', 'approver-demo-pass');
    const elsewhere = await agentOf('approver', 'approver-demo-pass');
    const wrong = await here.put('/api/studio/session/password').send({ currentPassword: 'not it at all', newPassword: 'my own new password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.errors[0].pointer).toBe('/currentPassword');
    const weak = await here.put('/api/studio/session/password').send({ currentPassword: 'approver-demo-pass', newPassword: 'short' });
    expect(weak.body.errors[0].pointer).toBe('/newPassword');
    await here.put('/api/studio/session/password').send({ currentPassword: 'approver-demo-pass', newPassword: 'my own new password' }).expect(204);
    expect((await here.get('/api/studio/session')).status).toBe(200);
    expect((await elsewhere.get('/api/studio/session')).status).toBe(401);
    expect((await signIn('approver', 'my own new password')).status).toBe(200);
    const audit = await (await server.as('admin')).get('/api/studio/audit');
    expect(JSON.stringify(audit.body)).not.toContain('my own new password');
  });

  it('answers 401 without a session', async () => {
    expect((await request(server.app).put('/api/studio/session/password').send({ currentPassword: 'x', newPassword: 'y' })).status).toBe(401);
  });
});

describe('a user changed outside this process (another server, the users CLI)', () => {
  it('is signed out once disabled in the store, and gets changed roles, at the next request after the recheck interval', async () => {
    const other = await startTestServer({ app: { sessionRecheckMs: 0 } });
    try {
      const author = request.agent(other.app);
      await author.post('/api/studio/session').send({ username: 'author', password: 'author-demo-pass' }).expect(200);
      const record = (await other.store.getUser('author'))!;
      await other.store.putUser({ ...record, roles: ['author', 'approver'] });
      expect((await author.get('/api/studio/session')).body.user.roles).toEqual(['author', 'approver']);
      await other.store.putUser({ ...record, disabled: true });
      expect((await author.get('/api/studio/products')).status).toBe(401);
      await other.store.putUser(record); // enabled again: the ended session stays ended
      expect((await author.get('/api/studio/products')).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
