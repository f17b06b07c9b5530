import { ChaosApi } from '../../../client/chaos-api.js';
import { countsLine, describeFault, describeScope } from './format.js';
import { httpClientFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

/** `rtc chaos heal [ID]`: ends one fault, or all of them. */
export async function run(id: string | undefined, flags: GlobalFlags): Promise<void> {
  const { http } = await httpClientFor(flags);
  const chaos = new ChaosApi(http);
  const healed = id ? [(await chaos.heal(id)).fault] : (await chaos.healAll()).healed;
  if (flags.json) return printJson(id ? { fault: healed[0] } : { healed });
  if (healed.length === 0) return printLine('no active faults');
  for (const fault of healed) printLine(`healed ${fault.id}  ${describeFault(fault)} · ${describeScope(fault)}: ${countsLine(fault)}`);
}
