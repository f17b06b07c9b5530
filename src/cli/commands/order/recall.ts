import { httpClientFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { statusFlag } from './parse-status.js';
import { colourStatus } from './status-colour.js';

/** `rtc order recall ID [--expect S]`: undoes the order's last status change; prints where it went back to. */
export async function run(id: string, flags: GlobalFlags & { expect?: string }): Promise<void> {
  const expect = statusFlag(flags.expect, '--expect');
  const { http } = await httpClientFor(flags);
  const answer = await http.recall(id, { expect });
  if (flags.json) return printJson(answer);
  printLine(`${answer.order.id}  recalled ${answer.event.from ?? ''} → ${colourStatus(answer.order.status)}`);
}
