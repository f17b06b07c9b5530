import chalk from 'chalk';
import { restaurantLabel } from '../../../client/accounts-api.js';
import type { AccountUser } from '../../../client/account-types.js';
import { table } from '../../program/table.js';

/** Users as a table, restaurants by name where known. */
export function usersTable(users: readonly AccountUser[], names: ReadonlyMap<string, string>): string {
  if (users.length === 0) return chalk.dim('no users');
  return table(
    ['USERNAME', 'ROLE', 'RESTAURANT', 'STATE', 'ID'],
    users.map((user) => [
      user.username,
      user.role,
      user.restaurantId ? restaurantLabel(user.restaurantId, names) : '-',
      user.disabled ? chalk.red('disabled') : 'active',
      user.id,
    ]),
  );
}
