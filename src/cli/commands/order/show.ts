import { httpClientFor } from '../../program/client-for.js';
import { historyTable, orderSummary } from './format-order.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export async function run(id: string, flags: GlobalFlags): Promise<void> {
  const { http } = await httpClientFor(flags);
  const answer = await http.getOrder(id);
  if (flags.json) return printJson(answer);
  printLine(orderSummary(answer.order));
  printLine();
  printLine(historyTable(answer.events));
}
