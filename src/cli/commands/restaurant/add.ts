import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { speakingFlags } from '../../program/flag-terms.js';

/** `rtc restaurant add NAME [--id ID]`: POST /api/restaurants (--json: `{restaurant}`). */
export async function run(name: string, flags: GlobalFlags & { id?: string }): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await speakingFlags({ id: '--id', name: 'NAME' }, () => api.addRestaurant({ name, ...(flags.id !== undefined ? { id: flags.id } : {}) }));
  if (flags.json) return printJson(answer);
  printLine(`${chalk.bold(answer.restaurant.id)}  ${answer.restaurant.name}`);
  printLine(chalk.dim(`  next: rtc user add USERNAME --role staff --restaurant ${answer.restaurant.id}`));
}
