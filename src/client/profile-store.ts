import { homedir } from 'node:os';
import { join } from 'node:path';
import { RtcError } from '../protocol/errors.js';
import type { SessionAnswer } from './account-types.js';
import { checkConfigFolder } from './trusted-config.js';
import { changeProfileFile, parseProfileFile, readProfileFile, type Profile, type ProfileFile, type Repair } from './profile-file.js';

export type { Profile, ProfileFile, Repair } from './profile-file.js';

/** The profile a password login (or a renewal) answers: both tokens, and when the access token ends. */
export function loginProfile(server: string, answer: SessionAnswer, now = Date.now()): Profile {
  return {
    server,
    token: answer.token,
    refreshToken: answer.refreshToken,
    expiresAt: typeof answer.expiresIn === 'number' ? new Date(now + answer.expiresIn * 1000).toISOString() : undefined,
    user: answer.user,
    savedAt: new Date(now).toISOString(),
  };
}

/** The per-user config directory, or RTC_CONFIG_DIR. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RTC_CONFIG_DIR) return env.RTC_CONFIG_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'rtc');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'rtc', 'Config');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'rtc');
}

/** The profiles file: `<configDir>/profiles.json`. */
export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'profiles.json');
}

/** The profile's name: the flag, else RTC_PROFILE, else "default". */
export const profileName = (name: string | undefined, env: NodeJS.ProcessEnv) => name ?? env.RTC_PROFILE ?? 'default';

/**
 * The saved profile `name` (default: RTC_PROFILE, else "default"), or undefined when there is none.
 * Read without the lock: writes are atomic renames, so a reader sees a whole file.
 * Throws RtcError UNAUTHENTICATED naming the file and the fix when the file is damaged; with
 * `orBackup`, reads the backup instead (login only needs a server to suggest). Throws BAD_REQUEST
 * when the folder or file could have been written by someone else (trusted-config.ts).
 */
export async function readProfile(
  name: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: { orBackup?: boolean } = {},
): Promise<Profile | undefined> {
  const path = profilesPath(env);
  // Before the backup fallback below: a planted file is refused, never worked around.
  checkConfigFolder(configDir(env));
  try {
    return readProfileFile(path).profiles[profileName(name, env)];
  } catch (error) {
    if (!options.orBackup || !(error instanceof RtcError)) throw error;
    const backup = parseProfileFile(`${path}.bak`);
    return backup.ok ? backup.file.profiles[profileName(name, env)] : undefined;
  }
}

/**
 * THE way to change saved profiles: read-modify-write under a lock, written atomically with a
 * backup. `change` gets the current profiles and returns the new ones. With `repair` (rtc login),
 * a damaged file is set aside and the change starts from the backup. Resolves to the file's path
 * and what a repair did.
 */
export async function updateProfiles(
  change: (profiles: Record<string, Profile>) => Record<string, Profile>,
  env: NodeJS.ProcessEnv = process.env,
  options: { repair?: boolean } = {},
): Promise<{ path: string; repaired?: Repair }> {
  return changeProfileFile(configDir(env), (file: ProfileFile) => ({ ...file, profiles: change({ ...file.profiles }) }), options);
}

/** Saves `profile` under `name` (repairing a damaged file); resolves to the path and any repair done. */
export async function saveProfile(
  name: string | undefined,
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ path: string; repaired?: Repair }> {
  const key = profileName(name, env);
  return updateProfiles((profiles) => ({ ...profiles, [key]: profile }), env, { repair: true });
}

/** Removes profile `name`; resolves to false when there was none. Throws the damaged error on a damaged file. */
export async function deleteProfile(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const key = profileName(name, env);
  let removed = false;
  await updateProfiles((profiles) => {
    removed = key in profiles;
    delete profiles[key];
    return profiles;
  }, env);
  return removed;
}
