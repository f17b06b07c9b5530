import chalk from 'chalk';
import { RtcError } from '../../../protocol/errors.js';
import { inertText } from '../../../protocol/inert-text.js';
import { resolveServer } from '../../../client/context.js';
import { HttpClient } from '../../../client/http-client.js';
import { saveProfile } from '../../../client/profile-store.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { askHidden, askLine, readAllStdin } from './prompt.js';
import { readCa } from '../../program/read-ca.js';

export async function run(flags: GlobalFlags & { username?: string; passwordStdin?: boolean }): Promise<void> {
  const server = await resolveServer(flags);
  const interactive = Boolean(process.stdin.isTTY);
  let username = flags.username;
  if (!username) {
    if (!interactive) throw new RtcError('BAD_REQUEST', 'no --username given and no terminal to ask for it');
    username = (await askLine('username: ')).trim();
  }
  let password: string;
  if (flags.passwordStdin) {
    password = (await readAllStdin()).replace(/\r?\n$/, '');
  } else {
    if (!interactive) throw new RtcError('BAD_REQUEST', 'no terminal to ask for the password: pipe it in with --password-stdin');
    password = await askHidden(`password for ${username}: `);
  }
  if (!username || !password) throw new RtcError('BAD_REQUEST', 'username and password must not be empty');

  const answer = await new HttpClient({ server, ca: readCa(flags.ca) }).login(username, password);
  const { path, repaired } = await saveProfile(flags.profile, { server, token: answer.token, user: answer.user, savedAt: new Date().toISOString() });
  if (repaired) {
    const from = repaired.from === 'backup' ? `its backup ${path}.bak` : 'an empty file (no good backup)';
    process.stderr.write(`rtc: ${path} was damaged: kept it as ${repaired.brokenCopy} and started again from ${from}\n`);
  }
  if (flags.json) return printJson(answer);
  // The profile keeps what the server said; what is printed of it is inert, even inside our own bold.
  const where = answer.user.restaurantId ? ` of ${inertText(answer.user.restaurantId)}` : '';
  printLine(`${chalk.green('✓')} logged in to ${server} as ${chalk.bold(inertText(answer.user.username))} (${inertText(answer.user.role)}${where})`);
  printLine(chalk.dim(`  saved in ${path}`));
}
