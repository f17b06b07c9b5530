import { ChaosApi } from '../client/chaos-api.js';
import { faultsTable } from './chaos-format.js';
import { httpClientFor } from './client-for.js';
import type { GlobalFlags } from './main.js';
import { printJson, printLine } from './output.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const { http } = await httpClientFor(flags);
  const answer = await new ChaosApi(http).list();
  if (flags.json) return printJson(answer);
  printLine(answer.faults.length ? faultsTable(answer.faults) : 'no active faults');
}
