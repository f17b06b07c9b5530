import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { roleFlag } from './role-flag.js';
import { ACCOUNT_FIELDS, speakingFlags } from '../../program/flag-terms.js';

/** `rtc user set-role USER ROLE [--restaurant R]`: PATCH /api/users/:id (--json: `{user}`). */
export async function run(name: string, roleText: string, flags: GlobalFlags & { restaurant?: string }): Promise<void> {
  const role = roleFlag(roleText);
  const { api } = await accountsFor(flags);
  const target = await api.findUser(name);
  const answer = await speakingFlags({ ...ACCOUNT_FIELDS, role: 'ROLE' }, () => api.updateUser(target.id, { role, ...(flags.restaurant ? { restaurantId: flags.restaurant } : {}) }));
  if (flags.json) return printJson(answer);
  const { user } = answer;
  // The server revokes a user's keys when the role or restaurant really changes (not for the same again).
  const moved = user.role !== target.role || user.restaurantId !== target.restaurantId;
  const keys = moved ? '; the API keys they made were revoked' : '';
  printLine(`${chalk.green('✓')} ${chalk.bold(user.username)} is now ${user.role}${user.restaurantId ? ` of ${user.restaurantId}` : ''} (their sessions ended: they log in again${keys})`);
}
