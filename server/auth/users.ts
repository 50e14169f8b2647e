import { randomBytes } from 'node:crypto';
import { HttpProblem } from '../http/problem.ts';
import type { Store, UserRecord } from '../store/store.ts';
import { hashPassword } from './password.ts';

/** The roles a user can hold (admin holds every right). */
export const ROLES = ['author', 'approver', 'admin'] as const;
export type UserRole = (typeof ROLES)[number];

/** User names: lower-case letters, digits, `.`, `_`, `-`, 2–64 characters, starting with a letter. */
export const USERNAME_PATTERN = '^[a-z][a-z0-9._-]{1,63}$';
/** Passwords: at least 12 characters (NIST SP 800-63B asks for length, not composition rules), at most 1000. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1000;

/** A user as the admin API and the CLI show it: never the password hash. */
export interface UserView {
  username: string;
  displayName: string;
  roles: UserRole[];
  disabled: boolean;
}

export const userView = (user: UserRecord): UserView => ({ username: user.username, displayName: user.displayName, roles: [...user.roles], disabled: user.disabled === true });

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (/-demo-pass$/.test(password)) return 'must not be a demo password';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the user name';
  return undefined;
}

function assertPassword(password: string, username: string, pointer: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new HttpProblem(422, 'PASSWORD_WEAK', `The password ${problem}`, { errors: [{ pointer, message: problem }] });
}

/** A random password for the CLI when none is given (printed once): 24 base64url characters, 144 bits. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');

/** Whether any enabled user other than `except` holds the admin role. */
async function anotherAdmin(store: Store, except: string): Promise<boolean> {
  return (await store.listUsers()).some((user) => user.username !== except && !user.disabled && user.roles.includes('admin'));
}

/** Creates a user; 409 USER_EXISTS when the name is taken, 422 PASSWORD_WEAK for a weak password. */
export async function createUser(store: Store, input: { username: string; displayName?: string; roles: UserRole[]; password: string }): Promise<UserView> {
  if (!new RegExp(USERNAME_PATTERN).test(input.username)) throw new HttpProblem(422, 'REQUEST_INVALID', 'Not a user name', { errors: [{ pointer: '/username', message: `must match ${USERNAME_PATTERN}` }] });
  if (await store.getUser(input.username)) throw new HttpProblem(409, 'USER_EXISTS', `User ${input.username} exists`);
  assertPassword(input.password, input.username, '/password');
  const record: UserRecord = { username: input.username, displayName: input.displayName ?? input.username, roles: [...new Set(input.roles)], passwordHash: await hashPassword(input.password) };
  await store.putUser(record);
  return userView(record);
}

/** The user, or 404 USER_NOT_FOUND. */
export async function userOr404(store: Store, username: string): Promise<UserRecord> {
  const user = await store.getUser(username);
  if (!user) throw new HttpProblem(404, 'USER_NOT_FOUND', `User ${username} not found`);
  return user;
}

/** Sets a new password (checked against the policy). The caller ends the user's sessions. */
export async function setPassword(store: Store, username: string, password: string, pointer = '/password'): Promise<void> {
  const user = await userOr404(store, username);
  assertPassword(password, username, pointer);
  await store.putUser({ ...user, passwordHash: await hashPassword(password) });
}

/**
 * Changes roles, display name or the disabled flag. Refuses (409 LAST_ADMIN) to disable or demote
 * the last enabled admin, so the studio can always be administered.
 */
export async function updateUser(store: Store, username: string, patch: { displayName?: string; roles?: UserRole[]; disabled?: boolean }): Promise<UserView> {
  const user = await userOr404(store, username);
  const next: UserRecord = { ...user, ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}), ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}), ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}) };
  const wasAdmin = !user.disabled && user.roles.includes('admin');
  const isAdmin = !next.disabled && next.roles.includes('admin');
  if (wasAdmin && !isAdmin && !(await anotherAdmin(store, username))) {
    throw new HttpProblem(409, 'LAST_ADMIN', `${username} is the last enabled admin; make another admin first`);
  }
  if (!next.disabled) delete next.disabled;
  await store.putUser(next);
  return userView(next);
}
