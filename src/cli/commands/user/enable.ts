import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

/**
 * `rtc user enable USER`: PATCH /api/users/:id `{disabled:false}` (--json: `{user}`), the way back
 * from `rtc user remove USER --disable` (a cook back from leave). Their old password works again.
 */
export async function run(name: string, flags: GlobalFlags): Promise<void> {
  const { api } = await accountsFor(flags);
  const target = await api.findUser(name);
  const answer = await api.updateUser(target.id, { disabled: false });
  if (flags.json) return printJson(answer);
  printLine(`${chalk.green('✓')} enabled ${chalk.bold(target.username)}: they can log in again`);
}
