import type { Logger } from 'pino';
import { hashApiKey } from '../channel/api-keys.ts';
import { SettingsError, type SecuritySettings } from '../settings.ts';
import { DEMO_USERS, putChannelKeys } from '../seed.ts';
import type { Store, UserRecord } from '../store/store.ts';
import { hashPassword, verifyPassword } from './password.ts';

const isDemoKey = (id: string) => id.startsWith('demo-');
const isEnvKey = (id: string) => id.startsWith('env-');

/**
 * Applies the credential settings on EVERY start, to a new or an existing data directory:
 * - ADMIN_PASSWORD becomes the `admin` user's password (created, re-enabled and given the admin role if need be);
 * - CHANNEL_API_KEYS replaces the keys it set before, and the demo keys stop working;
 * - without demo accounts (production, unless DEMO_ACCOUNTS=1) the demo keys are deleted and every demo
 *   user that still has its published password is disabled;
 * - in production, a store where no enabled admin exists is refused with a SettingsError saying what to do.
 * Every change is logged (never a password or key) and audited as "system".
 */
export async function applyCredentialSettings(store: Store, settings: SecuritySettings, logger: Logger, clock: () => Date = () => new Date()): Promise<void> {
  const at = clock().toISOString();
  if (settings.adminPassword !== undefined) await applyAdminPassword(store, settings.adminPassword, logger);

  if (settings.channelKeys.length) {
    await putChannelKeys(store, settings.channelKeys, 'env', at);
    const current = new Set(settings.channelKeys.map(({ key }) => hashApiKey(key)));
    for (const key of await store.listApiKeys()) {
      if (isDemoKey(key.id) || (isEnvKey(key.id) && !current.has(key.keyHash))) {
        await store.deleteApiKey(key.id);
        await store.appendAudit({ actor: 'system', action: 'api-key.delete', detail: { id: key.id, reason: 'CHANNEL_API_KEYS' } });
        logger.warn({ keyId: key.id, channel: key.channel }, 'channel key removed: CHANNEL_API_KEYS is set');
      }
    }
  }

  if (!settings.demo) {
    for (const key of (await store.listApiKeys()).filter((candidate) => isDemoKey(candidate.id))) {
      await store.deleteApiKey(key.id);
      await store.appendAudit({ actor: 'system', action: 'api-key.delete', detail: { id: key.id, reason: 'demo accounts are off' } });
      logger.warn({ keyId: key.id, channel: key.channel }, 'demo channel key removed: demo accounts are off');
    }
    for (const demo of DEMO_USERS) {
      const user = await store.getUser(demo.username);
      if (!user || user.disabled || !(await verifyPassword(demo.password, user.passwordHash))) continue;
      await store.putUser({ ...user, disabled: true });
      await store.appendAudit({ actor: 'system', action: 'user.update', detail: { username: user.username, disabled: true, reason: 'still has its demo password' } });
      logger.warn({ username: user.username }, 'demo user disabled: it still has the password published in the README');
    }
  } else if (settings.production) {
    logger.warn('DEMO_ACCOUNTS=1 in production: anyone who read the README can sign in as the demo users');
  }

  if (settings.production) {
    const admins = (await store.listUsers()).filter((user) => !user.disabled && user.roles.includes('admin'));
    if (!admins.length) {
      throw new SettingsError('No administrator can sign in. Set ADMIN_PASSWORD (at least 12 characters) for the user "admin", or stop the server and run `npm run users -- create <name> --roles admin` with the same DATA_DIR.');
    }
  }
}

async function applyAdminPassword(store: Store, password: string, logger: Logger): Promise<void> {
  const existing = await store.getUser('admin');
  const admin: UserRecord = existing ?? { username: 'admin', displayName: '管理员 Admin', roles: ['admin'], passwordHash: '' };
  const changes: string[] = [];
  if (!existing || !(await verifyPassword(password, admin.passwordHash))) {
    admin.passwordHash = await hashPassword(password);
    changes.push(existing ? 'password' : 'created');
  }
  if (!admin.roles.includes('admin')) {
    admin.roles = [...admin.roles, 'admin'];
    changes.push('role');
  }
  if (admin.disabled) {
    delete admin.disabled;
    changes.push('enabled');
  }
  if (!changes.length) return;
  await store.putUser(admin);
  await store.appendAudit({ actor: 'system', action: existing ? 'user.password-reset' : 'user.create', detail: { username: 'admin', changes, reason: 'ADMIN_PASSWORD' } });
  logger.info({ username: 'admin', changes }, 'ADMIN_PASSWORD applied');
}
