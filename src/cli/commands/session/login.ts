import chalk from 'chalk';
import { RtcError } from '../../../protocol/errors.js';
import type { User } from '../../../protocol/model.js';
import { inertText } from '../../../protocol/inert-text.js';
import { resolveServer } from '../../../client/context.js';
import { HttpClient } from '../../../client/http-client.js';
import { configDir, loginProfile, saveProfile } from '../../../client/profile-store.js';
import { checkConfigFolder } from '../../../client/trusted-config.js';
import { checkTokenText } from '../../../client/access-token.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { askHidden, askLine, readAllStdin } from './prompt.js';
import { readCa } from '../../program/read-ca.js';
import { redactedText } from '../../../protocol/redacted-url.js';

export interface LoginFlags {
  username?: string;
  passwordStdin?: boolean;
  tokenStdin?: boolean;
}

/**
 * `rtc login`: a password login (its access and refresh tokens saved, and renewed from then on), or
 * with --token-stdin an API key or token read from stdin, checked with GET /api/me and saved as it is.
 * --json prints the server's answer: the login's, or /api/me's for a token.
 */
export async function run(flags: GlobalFlags & LoginFlags): Promise<void> {
  // Before any password or token is sent: a login that could not be saved safely is not made.
  checkConfigFolder(configDir());
  const server = await resolveServer(flags);
  const ca = readCa(flags.ca);
  if (flags.tokenStdin) return saveToken(server, ca, flags);
  const interactive = Boolean(process.stdin.isTTY);
  let username = flags.username;
  if (!username) {
    if (!interactive) throw RtcError.badRequest('no --username given and no terminal to ask for it', { hint: 'pass --username NAME' });
    username = (await askLine('username: ')).trim();
  }
  let password: string;
  if (flags.passwordStdin) {
    password = (await readAllStdin()).replace(/\r?\n$/, '');
  } else {
    if (!interactive) throw RtcError.badRequest('no terminal to ask for the password', { hint: 'pipe it in with --password-stdin' });
    password = await askHidden(`password for ${username}: `);
  }
  if (!username || !password) throw RtcError.badRequest('username and password must not be empty');

  const answer = await new HttpClient({ server, ca }).login(username, password);
  const { path, repaired } = await saveProfile(flags.profile, loginProfile(server, answer));
  if (repaired) {
    const from = repaired.from === 'backup' ? `its backup ${path}.bak` : 'an empty file (no good backup)';
    process.stderr.write(`rtc: ${path} was damaged: kept it as ${repaired.brokenCopy} and started again from ${from}\n`);
  }
  if (flags.json) return printJson(answer);
  printLoggedIn(server, answer.user, path);
}

async function saveToken(server: string, ca: Buffer | undefined, flags: GlobalFlags & LoginFlags): Promise<void> {
  if (flags.username || flags.passwordStdin) throw RtcError.badRequest('--token-stdin takes no --username or --password-stdin', { hint: 'use one way to log in' });
  const token = (await readAllStdin()).trim();
  checkTokenText(token, 'stdin');
  if (!token) throw RtcError.badRequest('no token on stdin', { hint: 'pipe it in: printf %s "$KEY" | rtc login --token-stdin' });
  const answer = await new HttpClient({ server, ca, token }).me();
  const { path } = await saveProfile(flags.profile, { server, token, user: answer.user, savedAt: new Date().toISOString() });
  if (flags.json) return printJson(answer);
  printLoggedIn(server, answer.user, path);
}

function printLoggedIn(server: string, user: User, path: string): void {
  // The profile keeps what the server said; what is printed of it is inert, even inside our own bold.
  const where = user.restaurantId ? ` of ${inertText(user.restaurantId)}` : '';
  printLine(`${chalk.green('✓')} logged in to ${redactedText(server)} as ${chalk.bold(inertText(user.username))} (${inertText(user.role)}${where})`);
  printLine(chalk.dim(`  saved in ${path}`));
}
