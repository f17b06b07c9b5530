import { existsSync } from 'node:fs';
import { PASSWORD_MIN } from '../../../protocol/account-schemas.js';
import { RtcError } from '../../../protocol/errors.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export interface ResetPasswordFlags {
  db: string;
  passwordStdin?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * `rtc admin reset-password --db PATH USER`: the way back in when every superadmin password is lost.
 * Opens the SQLite store directly (a running server sees the change within seconds), sets the
 * password, ends the user's sessions and enables the user. Prints a generated password once.
 */
export async function run(username: string, flags: ResetPasswordFlags & GlobalFlags): Promise<number> {
  if (flags.db === ':memory:' || !existsSync(flags.db)) throw new RtcError('NOT_FOUND', `no database at ${flags.db}: give --db the file rtc serve runs on`);
  const [{ SqliteStore }, { hashPassword }, { generatePassword }, { checkStoreFiles }] = await Promise.all([
    import('../../../server/store/sqlite-store.js'),
    import('../../../server/auth/passwords.js'),
    import('../../../server/auth/secrets.js'),
    import('../../../server/store/private-files.js'),
  ]);
  checkStoreFiles(flags.db);
  const password = flags.passwordStdin ? await readStdin() : generatePassword();
  if (password.length < PASSWORD_MIN) throw new RtcError('BAD_REQUEST', `the password must be at least ${PASSWORD_MIN} characters`);
  const store = SqliteStore.open(flags.db);
  try {
    const user = await store.getUserByUsername(username);
    if (!user) throw new RtcError('NOT_FOUND', `no user ${username} in ${flags.db}`);
    await store.updateUser(user.id, { password: await hashPassword(password), disabled: false }, Date.now());
  } finally {
    await store.close();
  }
  const shown = flags.passwordStdin ? undefined : password;
  if (flags.json) printJson({ username, ...(shown ? { password: shown } : {}) });
  else {
    printLine(`password of ${username} reset; their sessions are ended`);
    if (shown) printLine(`new password (shown once): ${shown}`);
  }
  return 0;
}
