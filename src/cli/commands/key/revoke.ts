import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

/** `rtc key revoke ID`: DELETE /api/keys/:id (--json: `{}`, the answer is a 204). */
export async function run(id: string, flags: GlobalFlags): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await api.revokeKey(id);
  if (flags.json) return printJson(answer);
  printLine(`${chalk.green('✓')} key ${chalk.bold(id)} revoked: it stops working at once`);
}
