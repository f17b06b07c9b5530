import { AccountsApi, restaurantLabel, restaurantNames } from '../../../client/accounts-api.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { httpClientFor } from '../../program/client-for.js';
import { printJson, printLine } from '../../program/output.js';
import { redactedText } from '../../../protocol/redacted-url.js';

/** `rtc whoami`: the token's user as the server sees it; the human form names the restaurant. */
export async function run(flags: GlobalFlags): Promise<void> {
  const { http, context } = await httpClientFor(flags);
  const { user } = await http.me();
  if (flags.json) return printJson({ user, server: redactedText(context.server) });
  const names = user.restaurantId ? await restaurantNames(new AccountsApi(http)) : new Map<string, string>();
  printLine(`${user.username} (${user.role}${user.restaurantId ? ` of ${restaurantLabel(user.restaurantId, names)}` : ''}) on ${redactedText(context.server)}`);
}
