import { RtcError } from '../protocol/errors.js';
import type { User } from '../protocol/model.js';
import type { readProfile as ReadProfile } from './profile-store.js';
import { checkTokenText } from './access-token.js';
import { checkServerUrl, sameServer } from './server-url.js';
import { redactedText } from '../protocol/redacted-url.js';

/** The saved profiles are read only when flags and environment do not give both server and token. */
const readProfile: typeof ReadProfile = async (...args) => (await import('./profile-store.js')).readProfile(...args);

export interface ContextFlags {
  server?: string | undefined;
  token?: string | undefined;
  profile?: string | undefined;
}

export interface ClientContext {
  server: string;
  token: string;
  user?: User | undefined;
  /** Where each part came from, for whoami and for error messages. */
  source: { server: 'flag' | 'env' | 'profile'; token: 'flag' | 'env' | 'profile' };
}

/**
 * Flags, then RTC_SERVER / RTC_TOKEN, then the saved profile. Without one, a message that says what
 * to do. A token from the profile goes only to the server it was issued by: with `--server` or
 * RTC_SERVER naming another server (compared as sameServer does: scheme, host, port, trailing
 * slash) and no token from a flag or RTC_TOKEN, it throws UNAUTHENTICATED before any request, so
 * that a typo, a pasted command or a stale RTC_SERVER never hands the profile's token to a stranger.
 */
export async function resolveContext(flags: ContextFlags, env: NodeJS.ProcessEnv = process.env): Promise<ClientContext> {
  // An empty variable counts as unset, as shells make it easy to export one by accident.
  const envServer = env.RTC_SERVER || undefined;
  const envToken = env.RTC_TOKEN || undefined;
  const needProfile = !(flags.server ?? envServer) || !(flags.token ?? envToken);
  const profile = needProfile ? await readProfile(flags.profile, env) : undefined;
  const server = flags.server ?? envServer ?? profile?.server;
  const token = flags.token ?? envToken ?? profile?.token;
  const name = flags.profile ?? env.RTC_PROFILE ?? 'default';
  if (!server || !token) {
    const missing = !server ? 'no server' : 'no token';
    throw new RtcError(
      'UNAUTHENTICATED',
      `${missing} for profile "${name}": run rtc login --server URL (or set RTC_SERVER and RTC_TOKEN)`,
    );
  }
  checkServerUrl(server, flags.server ? '--server' : envServer ? 'RTC_SERVER' : `the server of profile "${name}"`);
  checkTokenText(token, flags.token ? '--token' : envToken ? 'RTC_TOKEN' : `profile "${name}"`);
  const tokenFromProfile = !(flags.token ?? envToken);
  if (tokenFromProfile && profile && !sameServer(server, profile.server)) {
    throw new RtcError('UNAUTHENTICATED', `not logged in to ${redactedText(server)}: profile "${name}" is logged in to ${redactedText(profile.server)}, and its token goes to that server only`, {
      hint: `run rtc login --server ${redactedText(server)}, pick that server's profile with --profile, or give a token with --token or RTC_TOKEN`,
    });
  }
  return {
    server,
    token,
    user: flags.token || envToken ? undefined : profile?.user,
    source: {
      server: flags.server ? 'flag' : envServer ? 'env' : 'profile',
      token: flags.token ? 'flag' : envToken ? 'env' : 'profile',
    },
  };
}

/** For commands that only need a server (login): flags, env, profile, else the default local server. */
export async function resolveServer(flags: ContextFlags, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (flags.server) return checkServerUrl(flags.server, '--server'), flags.server;
  if (env.RTC_SERVER) return checkServerUrl(env.RTC_SERVER, 'RTC_SERVER'), env.RTC_SERVER;
  // A damaged profiles file must not stop the login that repairs it.
  const profile = await readProfile(flags.profile, env, { orBackup: true });
  if (profile) checkServerUrl(profile.server, 'the server of the saved profile');
  return profile?.server ?? 'http://127.0.0.1:4000';
}
