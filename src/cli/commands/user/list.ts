import { restaurantNames } from '../../../client/accounts-api.js';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { usersTable } from './users-table.js';

/** `rtc user list [--restaurant R]`: GET /api/users (--json: `{users}`). */
export async function run(flags: GlobalFlags & { restaurant?: string }): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await api.listUsers(flags.restaurant);
  if (flags.json) return printJson(answer);
  printLine(usersTable(answer.users, await restaurantNames(api)));
}
