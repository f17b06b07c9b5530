import type { User } from '../protocol/model.js';

export interface Profile {
  server: string;
  token: string;
  user: User;
  savedAt: string;
}

type ProfileFile = { profiles: Record<string, Profile> };

/** Profiles live in conf's store (per-user config dir, or RTC_CONFIG_DIR), loaded only by commands that need them. */
async function open(env: NodeJS.ProcessEnv) {
  const { default: Conf } = await import('conf');
  return new Conf<ProfileFile>({
    projectName: 'rtc',
    projectSuffix: '',
    configName: 'profiles',
    ...(env.RTC_CONFIG_DIR ? { cwd: env.RTC_CONFIG_DIR } : {}),
    defaults: { profiles: {} },
    configFileMode: 0o600,
  });
}

const profileName = (name: string | undefined, env: NodeJS.ProcessEnv) => name ?? env.RTC_PROFILE ?? 'default';

export async function readProfile(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Profile | undefined> {
  const store = await open(env);
  return store.get('profiles')[profileName(name, env)];
}

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
