import chalk from 'chalk';
import { RtcError } from '../../../protocol/errors.js';
import { accountsFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { parseDurationSeconds } from '../../program/parse-duration.js';
import { roleFlag } from '../user/role-flag.js';
import { ACCOUNT_FIELDS, speakingFlags } from '../../program/flag-terms.js';

/** `rtc key create --name N --role R [--restaurant R] [--expires 90d]`: POST /api/keys (--json: `{key, token}`). */
export async function run(flags: GlobalFlags & { name: string; role: string; restaurant?: string; expires?: string }): Promise<void> {
  const role = roleFlag(flags.role);
  let expiresIn: number | undefined;
  if (flags.expires !== undefined) {
    const seconds = parseDurationSeconds(flags.expires);
    if (seconds === undefined || seconds < 1) throw RtcError.badRequest(`--expires must be a duration like 90d or 12h, not "${flags.expires}"`);
    expiresIn = Math.round(seconds);
  }
  const { api } = await accountsFor(flags);
  const answer = await speakingFlags(ACCOUNT_FIELDS, () =>
    api.createKey({ name: flags.name, role, ...(flags.restaurant ? { restaurantId: flags.restaurant } : {}), ...(expiresIn ? { expiresIn } : {}) }),
  );
  if (flags.json) return printJson(answer);
  const { key } = answer;
  printLine(`${chalk.green('✓')} key ${chalk.bold(key.id)} "${key.name}" (${key.role}${key.restaurantId ? ` of ${key.restaurantId}` : ''}), ${key.expiresAt ? `expires ${key.expiresAt}` : 'valid until revoked'}`);
  printLine(answer.token);
  printLine(chalk.yellow('  this token is shown once and will not be shown again: store it now (revoke with rtc key revoke ' + key.id + ')'));
}
