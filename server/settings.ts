import { passwordProblem } from './auth/users.ts';
import { parseChannelKeys } from './seed.ts';

/** A setting the server refuses to start with; the message says which variable and why. */
export class SettingsError extends Error {}

/** The security-relevant settings, read once from the environment at start. */
export interface SecuritySettings {
  production: boolean; // NODE_ENV=production
  demo: boolean; // demo users, demo keys and published examples: DEMO_ACCOUNTS=1, default only outside production
  adminPassword?: string; // ADMIN_PASSWORD: the `admin` user's password, applied at every start
  channelKeys: { channel: string; key: string }[]; // CHANNEL_API_KEYS: applied at every start; demo keys stop working
  trustProxy: boolean | number | string; // TRUST_PROXY: Express "trust proxy" (hops, true, or addresses), for req.ip and req.secure
  allowedOrigins: string[]; // ALLOWED_ORIGINS: origins (besides the server's own) allowed to change state in the studio API
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined) return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new SettingsError(`${name}="${env[name]}" is not a yes/no value (use 1 or 0)`);
}

/** TRUST_PROXY: unset/0/false = trust no proxy; 1/true = the nearest one; a number = that many hops; else a list of addresses/subnets. */
function trustProxy(value: string | undefined): boolean | number | string {
  const text = value?.trim() ?? '';
  if (text === '' || FALSE.has(text.toLowerCase())) return false;
  if (text.toLowerCase() === 'true') return 1;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  return text;
}

function origins(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) throw new SettingsError(`ALLOWED_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
  }
  return list;
}

/**
 * Reads NODE_ENV, DEMO_ACCOUNTS, ADMIN_PASSWORD, CHANNEL_API_KEYS, TRUST_PROXY and ALLOWED_ORIGINS.
 * Throws {@link SettingsError} naming the variable for a value the server must not run with: in
 * production an ADMIN_PASSWORD shorter than 12 characters or equal to a demo password, and any
 * malformed value anywhere.
 */
export function readSecuritySettings(env: NodeJS.ProcessEnv): SecuritySettings {
  const production = env.NODE_ENV === 'production';
  const demo = flag(env, 'DEMO_ACCOUNTS', !production);
  const adminPassword = env.ADMIN_PASSWORD === undefined || env.ADMIN_PASSWORD === '' ? undefined : env.ADMIN_PASSWORD;
  if (adminPassword !== undefined && production) {
    const problem = passwordProblem(adminPassword, 'admin');
    if (problem) throw new SettingsError(`ADMIN_PASSWORD ${problem} in production`);
  }
  let channelKeys: SecuritySettings['channelKeys'];
  try {
    channelKeys = parseChannelKeys(env.CHANNEL_API_KEYS);
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  if (production && channelKeys.some(({ key }) => /^demo-.*-key$/.test(key))) throw new SettingsError('CHANNEL_API_KEYS holds a demo key (demo-…-key) in production');
  return { production, demo, adminPassword, channelKeys, trustProxy: trustProxy(env.TRUST_PROXY), allowedOrigins: origins(env.ALLOWED_ORIGINS) };
}
