import { RtcError } from '../../../protocol/errors.js';
import { httpClientFor } from '../../program/client-for.js';
import { ordersTable } from './format-order.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { parseItems } from './parse-items.js';
import { speakingFlags } from '../../program/flag-terms.js';

/** The order fields and the flags that set them, for the server's BAD_REQUEST messages. */
const ORDER_FIELDS = { restaurantId: '-r/--restaurant', items: '-i/--items', amount: '-a/--amount', customerName: '-c/--customer', note: '-n/--note' };

/** `rtc order create`: prints the new order's id on a line of its own, then the order as a table (or the answer with --json). */
export async function run(flags: GlobalFlags & { restaurant: string; items: string; amount: string; customer?: string; note?: string }): Promise<void> {
  const amount = Number(flags.amount);
  if (flags.amount.trim() === '' || !Number.isFinite(amount)) {
    throw new RtcError('BAD_REQUEST', `--amount must be a number like 23.5, not "${flags.amount}"`);
  }
  const { http } = await httpClientFor(flags);
  const answer = await speakingFlags(ORDER_FIELDS, () => http.createOrder({
    restaurantId: flags.restaurant,
    items: parseItems(flags.items),
    amount,
    ...(flags.customer !== undefined ? { customerName: flags.customer } : {}),
    ...(flags.note !== undefined ? { note: flags.note } : {}),
  }));
  if (flags.json) return printJson(answer);
  // The id alone on the first line, for scripts (`id=$(rtc order create ... | head -1)`); then the order.
  printLine(answer.order.id);
  printLine(ordersTable([answer.order]));
}
