import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { table } from '../../program/table.js';

/** `rtc restaurant list`: GET /api/restaurants as a table (--json: the answer). */
export async function run(flags: GlobalFlags): Promise<void> {
  const { api } = await accountsFor(flags);
  const answer = await api.listRestaurants();
  if (flags.json) return printJson(answer);
  printLine(answer.restaurants.length === 0 ? 'no restaurants: add one with rtc restaurant add NAME' : table(['ID', 'NAME'], answer.restaurants.map((r) => [r.id, r.name])));
}
