import { HttpClient } from '../../../client/http-client.js';
import { deleteProfile, profileName, readProfile } from '../../../client/profile-store.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { readCa } from '../../program/read-ca.js';

/**
 * `rtc logout`: ends the profile's login on the server (POST /api/auth/logout: its refresh token and
 * its sessions stop working) and removes the profile. An unreachable server does not keep the profile:
 * the login is forgotten here and a warning says the server was not told.
 */
export async function run(flags: GlobalFlags): Promise<void> {
  const name = profileName(flags.profile, process.env);
  const profile = await readProfile(flags.profile);
  let warning: string | undefined;
  if (profile?.refreshToken) {
    try {
      await new HttpClient({ server: profile.server, ca: readCa(flags.ca), token: profile.token }).logout(profile.refreshToken);
    } catch (error) {
      warning = `the server was not told (${(error as Error).message}); the login ends when its refresh token does`;
    }
  }
  const removed = await deleteProfile(flags.profile);
  if (warning) process.stderr.write(`rtc: ${warning}\n`);
  if (flags.json) return printJson({ loggedOut: removed, profile: name });
  printLine(removed ? `logged out (profile "${name}" removed)` : `not logged in (no profile "${name}")`);
}
