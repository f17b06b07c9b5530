import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

/**
 * `rtc user remove USER [--disable]`: DELETE /api/users/:id (--json: `{}`, the answer is a 204), or
 * with --disable PATCH `{disabled:true}` (--json: `{user}`).
 */
export async function run(name: string, flags: GlobalFlags & { disable?: boolean }): Promise<void> {
  const { api } = await accountsFor(flags);
  const target = await api.findUser(name);
  const answer = flags.disable ? await api.updateUser(target.id, { disabled: true }) : await api.removeUser(target.id);
  if (flags.json) return printJson(answer);
  printLine(`${chalk.green('✓')} ${flags.disable ? 'disabled' : 'removed'} ${chalk.bold(target.username)} (their sessions ended, and the API keys they made were revoked)`);
}
