import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { speakingFlags } from '../../program/flag-terms.js';

/** `rtc restaurant rename ID NAME`: PATCH /api/restaurants/:id (--json: `{restaurant}`). */
export async function run(id: string, name: string, flags: GlobalFlags): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await speakingFlags({ name: 'NAME' }, () => api.renameRestaurant(id, name));
  if (flags.json) return printJson(answer);
  printLine(`${chalk.green('✓')} ${chalk.bold(answer.restaurant.id)} is now ${answer.restaurant.name}`);
}
