import chalk from 'chalk';
import { AccountsApi } from '../../../client/accounts-api.js';
import { HttpClient } from '../../../client/http-client.js';
import { loginProfile, readProfile, saveProfile } from '../../../client/profile-store.js';
import { RtcError } from '../../../protocol/errors.js';
import { httpClientFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { readCa } from '../../program/read-ca.js';
import { askHidden, readAllStdin } from './prompt.js';

/** The current and the new password: asked without echo (the new one twice), or two lines of stdin. */
async function passwords(fromStdin: boolean | undefined): Promise<{ current: string; next: string }> {
  if (fromStdin) {
    const [current = '', next = ''] = (await readAllStdin()).split(/\r?\n/);
    if (!current || !next) throw RtcError.badRequest('--password-stdin reads two lines: the current password, then the new one');
    return { current, next };
  }
  if (!process.stdin.isTTY) throw RtcError.badRequest('no terminal to ask for the passwords', { hint: 'pipe them in with --password-stdin (two lines)' });
  const current = await askHidden('current password: ');
  const next = await askHidden('new password: ');
  if ((await askHidden('new password again: ')) !== next) throw RtcError.badRequest('the two new passwords differ', { hint: 'run rtc passwd again' });
  return { current, next };
}

/**
 * `rtc passwd`: POST /api/me/password. A new password ends the user's sessions, the profile's too, so
 * a profile login is logged in again with the new password (the user typed it a moment ago).
 * --json prints the call's answer, `{}` (204).
 */
export async function run(flags: GlobalFlags & { passwordStdin?: boolean }): Promise<void> {
  const { current, next } = await passwords(flags.passwordStdin);
  const { http, context } = await httpClientFor(flags);
  const { user } = await http.me();
  await new AccountsApi(http).changePassword(current, next);
  const relogged = context.source.token === 'profile' ? await loginAgain(flags, user.username, next) : false;
  if (flags.json) return printJson({});
  printLine(`${chalk.green('✓')} password changed for ${user.username}${relogged ? ' (profile logged in again)' : ''}`);
}

async function loginAgain(flags: GlobalFlags, username: string, password: string): Promise<boolean> {
  const profile = await readProfile(flags.profile);
  if (!profile?.refreshToken) return false;
  try {
    const answer = await new HttpClient({ server: profile.server, ca: readCa(flags.ca) }).login(username, password);
    await saveProfile(flags.profile, loginProfile(profile.server, answer));
    return true;
  } catch {
    process.stderr.write('rtc: password changed, but logging in again failed: run rtc login\n');
    return false;
  }
}
