import { ChaosApi } from '../../../client/chaos-api.js';
import { faultsTable } from './format.js';
import { httpClientFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const { http } = await httpClientFor(flags);
  const answer = await new ChaosApi(http).list();
  if (flags.json) return printJson(answer);
  printLine(answer.faults.length ? faultsTable(answer.faults) : 'no active faults');
}
