import { join } from 'node:path';
import { untrustedFile, untrustedFolder, type PathRefusal } from '../lib/private-path.js';
import { RtcError } from '../protocol/errors.js';

/**
 * Refuses a profiles folder someone else could have written, before a profile is read from it or
 * written to it (ssh's StrictModes, for rtc's saved logins): a profile names the server the password
 * and tokens go to, so a planted one sends them to whoever planted it. Refused: the folder (after
 * resolving symbolic links, so an RTC_CONFIG_DIR that links elsewhere is judged by its target) owned
 * by another user or writable by group or others, a folder above it that others could swap
 * (lib/private-path.ts untrustedFolder), and `profiles.json` or its `.bak` that is a symbolic link, not
 * a regular file, owned by another user, or writable by group or others. A folder that does not
 * exist yet passes. Nothing is checked on Windows.
 * @throws RtcError BAD_REQUEST (exit 2) naming the path and the fix.
 */
export function checkConfigFolder(dir: string): void {
  const profiles = join(dir, 'profiles.json');
  const refusal =
    untrustedFolder(dir) ??
    untrustedFile(profiles, 'the profiles file', { writableByOthers: true }) ??
    untrustedFile(`${profiles}.bak`, 'the profiles backup', { writableByOthers: true });
  if (refusal) throw refusedConfig(refusal);
}

function refusedConfig({ problem, fix }: PathRefusal): RtcError {
  return RtcError.badRequest(`${problem}; rtc will not read or save logins there (a planted profile sends your password to its server)`, {
    hint: `${fix}; or set RTC_CONFIG_DIR to a folder only you can write`,
  });
}
