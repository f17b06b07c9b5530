import chalk from 'chalk';
import { RtcError } from '../../../protocol/errors.js';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { readAllStdin } from '../session/prompt.js';
import { roleFlag } from './role-flag.js';
import { ACCOUNT_FIELDS, speakingFlags } from '../../program/flag-terms.js';
import { redactedText } from '../../../protocol/redacted-url.js';

/** `rtc user add USERNAME --role R [--restaurant R] [--password-stdin]`: POST /api/users (--json: `{user, password?}`). */
export async function run(username: string, flags: GlobalFlags & { role: string; restaurant?: string; passwordStdin?: boolean }): Promise<void> {
  const role = roleFlag(flags.role);
  const password = flags.passwordStdin ? (await readAllStdin()).replace(/\r?\n$/, '') : undefined;
  if (password === '') throw RtcError.badRequest('no password on stdin', { hint: 'pipe one in, or leave out --password-stdin to have one made' });
  const { api, context } = await accountsFor(flags);
  const answer = await speakingFlags({ ...ACCOUNT_FIELDS, password: '--password-stdin', username: 'USERNAME' }, () =>
    api.addUser({ username, role, ...(flags.restaurant ? { restaurantId: flags.restaurant } : {}), ...(password ? { password } : {}) }),
  );
  if (flags.json) return printJson(answer);
  const { user } = answer;
  printLine(`${chalk.green('✓')} added ${chalk.bold(user.username)} (${user.role}${user.restaurantId ? ` of ${user.restaurantId}` : ''}), id ${user.id}`);
  if (answer.password) {
    printLine(`password: ${answer.password}`);
    printLine(chalk.yellow('  shown once and never again: give it to the user, who can change it with rtc passwd'));
  }
  printLine(chalk.dim(`  they log in with: rtc login --server ${redactedText(context.server)} --username ${user.username}`));
}
