import type { GlobalFlags } from '../../program/global-flags.js';
import { httpClientFor } from '../../program/client-for.js';
import { printJson, printLine } from '../../program/output.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const { http, context } = await httpClientFor(flags);
  const { user } = await http.me();
  if (flags.json) return printJson({ user, server: context.server });
  printLine(`${user.username} (${user.role}${user.restaurantId ? ` of ${user.restaurantId}` : ''}) on ${context.server}`);
}
