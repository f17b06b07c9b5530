import { deleteProfile } from '../../../client/profile-store.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const profile = flags.profile ?? process.env.RTC_PROFILE ?? 'default';
  const removed = await deleteProfile(flags.profile);
  if (flags.json) return printJson({ loggedOut: removed, profile });
  printLine(removed ? `logged out (profile "${profile}" removed)` : `not logged in (no profile "${profile}")`);
}
