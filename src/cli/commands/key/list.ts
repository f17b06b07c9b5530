import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { table } from '../../program/table.js';

/** `rtc key list`: GET /api/keys as a table (--json: `{keys}`). */
export async function run(flags: GlobalFlags): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await api.listKeys();
  if (flags.json) return printJson(answer);
  if (answer.keys.length === 0) return printLine(chalk.dim('no keys: make one with rtc key create --name NAME --role ROLE'));
  printLine(table(['ID', 'NAME', 'ROLE', 'RESTAURANT', 'EXPIRES'], answer.keys.map((k) => [k.id, k.name, k.role, k.restaurantId ?? '-', k.expiresAt ?? 'never'])));
}
