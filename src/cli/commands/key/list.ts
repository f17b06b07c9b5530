import chalk from 'chalk';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { table } from '../../program/table.js';

/** An ISO-8601 time as the other tables show it: `2026-11-30 10:32:57Z`. */
const time = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/**
 * `rtc key list`: GET /api/keys as a table, with who made each key and when, so that the keys of a
 * person who left can be found (--json: `{keys}`).
 */
export async function run(flags: GlobalFlags): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await api.listKeys();
  if (flags.json) return printJson(answer);
  if (answer.keys.length === 0) return printLine(chalk.dim('no keys: make one with rtc key create --name NAME --role ROLE'));
  printLine(
    table(
      ['ID', 'NAME', 'ROLE', 'RESTAURANT', 'CREATED BY', 'CREATED', 'EXPIRES'],
      answer.keys.map((k) => [k.id, k.name, k.role, k.restaurantId ?? '-', k.createdBy ?? '?', k.createdAt ? time(k.createdAt) : '?', k.expiresAt ? time(k.expiresAt) : 'never']),
    ),
  );
}
