import { httpClientFor } from '../../program/client-for.js';
import { colourStatus } from './status-colour.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { speakingFlags } from '../../program/flag-terms.js';
import { statusFlag } from './parse-status.js';

export async function run(id: string, flags: GlobalFlags & { reason?: string; expect?: string }): Promise<void> {
  const expect = statusFlag(flags.expect, '--expect');
  const { http } = await httpClientFor(flags);
  const answer = await speakingFlags({ reason: '--reason' }, () => http.cancel(id, { reason: flags.reason, expect }));
  if (flags.json) return printJson(answer);
  printLine(`${answer.order.id}  ${answer.event.from ?? ''} → ${colourStatus(answer.order.status)}${answer.event.reason ? `  (${answer.event.reason})` : ''}`);
}
