import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { User } from '../protocol/model.js';
import type { SessionAnswer } from './account-types.js';

/**
 * A saved login. `token` is an access token (or an API key); `refreshToken` and `expiresAt` (ISO-8601,
 * when the access token ends) are there for a password login, whose session the client renews.
 */
export interface Profile {
  server: string;
  token: string;
  refreshToken?: string | undefined;
  expiresAt?: string | undefined;
  user: User;
  savedAt: string;
}

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

type ProfileFile = { profiles: Record<string, Profile> };

/** The per-user config directory, or RTC_CONFIG_DIR. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RTC_CONFIG_DIR) return env.RTC_CONFIG_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'rtc');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'rtc', 'Config');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'rtc');
}

/** conf writes the profiles (atomically, mode 0600); it is loaded only by the commands that change them. */
async function open(env: NodeJS.ProcessEnv) {
  const { default: Conf } = await import('conf');
  return new Conf<ProfileFile>({
    projectName: 'rtc',
    configName: 'profiles',
    cwd: configDir(env),
    defaults: { profiles: {} },
    configFileMode: 0o600,
  });
}

/** The profile's name: the flag, else RTC_PROFILE, else "default". */
export const profileName = (name: string | undefined, env: NodeJS.ProcessEnv) => name ?? env.RTC_PROFILE ?? 'default';

/**
 * Reads the file conf keeps, directly: loading conf costs more than the rest of a one-shot command,
 * and `rtc order advance` runs in operators' loops.
 */
export async function readProfile(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Profile | undefined> {
  let text: string;
  try {
    text = readFileSync(profilesFile(env), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return (JSON.parse(text) as Partial<ProfileFile>).profiles?.[profileName(name, env)];
  } catch {
    return undefined;
  }
}

/** The file every profile is kept in (one JSON file for all of them). */
export const profilesFile = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), 'profiles.json');

export async function saveProfile(name: string | undefined, profile: Profile, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const store = await open(env);
  const key = profileName(name, env);
  store.set('profiles', { ...store.get('profiles'), [key]: profile });
  return store.path;
}

export async function deleteProfile(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const store = await open(env);
  const key = profileName(name, env);
  const profiles = { ...store.get('profiles') };
  if (!(key in profiles)) return false;
  delete profiles[key];
  store.set('profiles', profiles);
  return true;
}
