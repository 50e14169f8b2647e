/**
 * `npm run users -- <command>`: manages studio users in DATA_DIR (default ./data) while the server
 * is stopped (it refuses while a server holds the directory: use the admin API then).
 *
 *   list                                     users, roles and whether disabled
 *   create <name> --roles a,b [--display-name "…"]   roles: author, approver, admin
 *   disable <name> | enable <name>
 *   reset-password <name>
 *
 * create and reset-password read the password from stdin when it is piped (`printf %s "$PW" | …`),
 * else generate a random one and print it once. Exit 0 done, 1 refused (the reason on stderr), 2 usage.
 */
import path from 'node:path';
import { createUser, generatePassword, ROLES, setPassword, updateUser, userView, type UserRole } from '../auth/users.ts';
import { HttpProblem } from '../http/problem.ts';
import { runningServer } from '../store/data-dir-lock.ts';
import { LowdbStore } from '../store/lowdb-store.ts';

const USAGE = 'Usage: npm run users -- list | create <name> --roles author,approver,admin [--display-name "…"] | disable <name> | enable <name> | reset-password <name>\n';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The password from piped stdin (one trailing newline dropped), or a generated one to print. */
async function passwordInput(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) return { password: generatePassword(), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const password = text.replace(/\r?\n$/, '');
  return password ? { password, generated: false } : { password: generatePassword(), generated: true };
}

async function main(): Promise<void> {
  const [command, name, ...rest] = process.argv.slice(2);
  if (!command || command === '--help') fail(USAGE.trimEnd(), command ? 0 : 2);
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  const holder = runningServer(dataDir);
  if (holder !== undefined) fail(`A server (process ${holder}) is using ${dataDir}; stop it first, or use the admin API (/api/studio/users)`, 1);
  const store = await LowdbStore.open(dataDir);
  const audit = (action: string, detail: Record<string, unknown>) => store.appendAudit({ actor: 'cli', action, detail });

  if (command === 'list') {
    for (const user of (await store.listUsers()).map(userView)) {
      process.stdout.write(`${user.username}\t${user.roles.join(',')}\t${user.disabled ? 'disabled' : 'enabled'}\t${user.displayName}\n`);
    }
  } else if (!name) {
    fail(USAGE.trimEnd(), 2);
  } else if (command === 'create') {
    const roles = (option(rest, '--roles') ?? '').split(',').filter(Boolean);
    const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (!roles.length || unknown.length) fail(`--roles must list one or more of ${ROLES.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`, 2);
    const { password, generated } = await passwordInput();
    const user = await createUser(store, { username: name, displayName: option(rest, '--display-name'), roles: roles as UserRole[], password });
    await audit('user.create', { username: user.username, roles: user.roles });
    process.stdout.write(`created ${user.username} (${user.roles.join(', ')})${generated ? `\npassword: ${password}` : ''}\n`);
  } else if (command === 'disable' || command === 'enable') {
    const user = await updateUser(store, name, { disabled: command === 'disable' });
    await audit('user.update', { username: user.username, disabled: user.disabled });
    process.stdout.write(`${user.username} ${command}d\n`);
  } else if (command === 'reset-password') {
    const { password, generated } = await passwordInput();
    await setPassword(store, name, password);
    await audit('user.password-reset', { username: name });
    process.stdout.write(`password of ${name} reset${generated ? `\npassword: ${password}` : ''}\n`);
  } else {
    fail(USAGE.trimEnd(), 2);
  }
  await store.flush();
}

main().catch((error: unknown) => {
  if (error instanceof HttpProblem) fail(`${error.code}: ${error.title}${error.extra.errors?.length ? ` (${error.extra.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')})` : ''}`, 1);
  fail(error instanceof Error ? error.message : String(error), 1);
});
