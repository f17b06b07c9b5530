import { AccountsApi, restaurantNames } from '../../../client/accounts-api.js';
import { httpClientFor } from '../../program/client-for.js';
import { ordersTable } from './format-order.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { statusFlag } from './parse-status.js';

export async function run(flags: GlobalFlags & { restaurant?: string; status?: string }): Promise<void> {
  const status = statusFlag(flags.status, '--status');
  const { http } = await httpClientFor(flags);
  const answer = await http.listOrders({ restaurantId: flags.restaurant, status });
  if (flags.json) return printJson(answer);
  printLine(ordersTable(answer.orders, answer.orders.length > 0 ? await restaurantNames(new AccountsApi(http)) : undefined));
}
