import chalk from 'chalk';
import { randomBytes } from 'node:crypto';
import { RtcError } from '../../../protocol/errors.js';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { readAllStdin } from '../session/prompt.js';

/**
 * `rtc user reset-password USER [--password-stdin]`: PATCH /api/users/:id `{password}`. Without
 * --password-stdin a password is made here (16 characters, 96 bits) and shown once.
 * --json prints the call's answer `{user}` and, when made here, the `password`.
 */
export async function run(name: string, flags: GlobalFlags & { passwordStdin?: boolean }): Promise<void> {
  const given = flags.passwordStdin ? (await readAllStdin()).replace(/\r?\n$/, '') : undefined;
  if (given === '') throw RtcError.badRequest('no password on stdin', { hint: 'pipe one in, or leave out --password-stdin to have one made' });
  const password = given ?? randomBytes(12).toString('base64url');
  const { api } = await accountsFor(flags);
  const target = await api.findUser(name);
  const answer = await api.updateUser(target.id, { password });
  if (flags.json) return printJson(given ? answer : { ...answer, password });
  printLine(`${chalk.green('✓')} new password for ${chalk.bold(answer.user.username)} (their sessions ended)`);
  if (!given) {
    printLine(`password: ${password}`);
    printLine(chalk.yellow('  shown once and never again: give it to the user, who can change it with rtc passwd'));
  }
}
