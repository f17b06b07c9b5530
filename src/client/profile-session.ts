import { mkdirSync } from 'node:fs';
import { RtcError } from '../protocol/errors.js';
import type { User } from '../protocol/model.js';
import { renewalTime, tokenTimes } from './access-token.js';
import type { SessionAnswer } from './account-types.js';
import { HttpClient, type TokenSource } from './http-client.js';
import { configDir, loginProfile, profileName, readProfile, updateProfiles, type Profile } from './profile-store.js';
import { untilNewLogin } from './profile-watch.js';
import { sameServer } from './server-url.js';

export interface ProfileSessionOptions {
  /** The profile the session was read from (name as given to --profile; undefined: RTC_PROFILE or "default"). */
  profileName: string | undefined;
  profile: Profile;
  ca?: string | Buffer | undefined;
  env?: NodeJS.ProcessEnv;
}

/** A profile that holds a password login (access token + refresh token), or undefined when it is not one. */
function pairOf(profile: Profile | undefined): Profile | undefined {
  return profile?.refreshToken ? profile : undefined;
}

/**
 * The login saved in a profile, kept alive: renews the access token before it ends and saves the new
 * pair back in the profile, so that every process using the profile goes on with it.
 *
 * Several processes may share a profile (a board and commands in other terminals) and a refresh token
 * works once: renewals take a lock file beside the profiles, and each first re-reads the profile, where
 * another process may already have saved a newer pair. After a refused renewal the profile is read
 * once more for the same reason, and only then is the session over (UNAUTHENTICATED, "run rtc login").
 */
export class ProfileSession implements TokenSource {
  readonly server: string;
  private profile: Profile;
  private readonly profileName: string | undefined;
  private readonly ca: string | Buffer | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private renewing: Promise<string> | undefined;

  constructor(options: ProfileSessionOptions) {
    this.profile = options.profile;
    this.server = options.profile.server;
    this.profileName = options.profileName;
    this.ca = options.ca;
    this.env = options.env ?? process.env;
  }

  get current(): string {
    return this.profile.token;
  }

  get user(): User {
    return this.profile.user;
  }

  get renewable(): boolean {
    return Boolean(this.profile.refreshToken);
  }

  /** When the access token should be renewed (ms since the Unix epoch); undefined when it never needs it (API key) or cannot be. */
  renewAt(): number | undefined {
    if (!this.renewable) return undefined;
    const times = tokenTimes(this.profile.token) ?? this.savedTimes();
    return times ? renewalTime(times) : undefined;
  }

  private savedTimes() {
    if (!this.profile.expiresAt) return undefined;
    const expiresAt = Date.parse(this.profile.expiresAt);
    return Number.isFinite(expiresAt) ? { expiresAt, lifetimeMs: Math.max(1000, expiresAt - Date.parse(this.profile.savedAt)) } : undefined;
  }

  /** The access token to send now, renewed first when it is due; a renewal the server cannot be reached for keeps the old one. */
  async token(): Promise<string> {
    const due = this.renewAt();
    if (due === undefined || Date.now() < due) return this.profile.token;
    try {
      return await this.renew();
    } catch (error) {
      if (error instanceof RtcError && error.code === 'UNREACHABLE') return this.profile.token;
      throw error;
    }
  }

  /** Renews now (one renewal at a time in this process); resolves with the new access token. */
  renew(): Promise<string> {
    this.renewing ??= this.renewLocked().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewLocked(): Promise<string> {
    const unlock = await this.lock();
    try {
      // Another process may have renewed (or logged in again) already: its pair is ours too.
      const saved = pairOf(await this.readSaved());
      if (saved && this.isNewer(saved)) {
        this.profile = saved;
        const due = this.renewAt();
        if (due === undefined || Date.now() < due) return saved.token;
      }
      if (!this.profile.refreshToken) throw this.signedOut('this login cannot be renewed (an API key or a bare token)');
      const spent = this.profile.refreshToken;
      let answer: SessionAnswer;
      try {
        answer = await new HttpClient({ server: this.server, ca: this.ca }).refresh(spent);
      } catch (error) {
        if (!(error instanceof RtcError) || (error.code !== 'UNAUTHENTICATED' && error.code !== 'FORBIDDEN')) throw error;
        const latest = pairOf(await this.readSaved());
        if (latest && this.isNewer(latest)) return (this.profile = latest).token;
        throw this.signedOut(error.message);
      }
      await this.keep(answer, spent);
      return answer.token;
    } finally {
      await unlock();
    }
  }

  /** Saves a renewed pair, unless the profile has moved on meanwhile (logged out, or someone else logged in there). */
  private async keep(answer: SessionAnswer, spent: string): Promise<void> {
    const renewed = (this.profile = loginProfile(this.server, answer));
    const key = profileName(this.profileName, this.env);
    // Checked and written under the profiles' lock, so that a login saved meanwhile is never overwritten.
    await updateProfiles((profiles) => (profiles[key]?.refreshToken === spent ? { ...profiles, [key]: renewed } : profiles), this.env);
  }

  /** The profile as saved now; a damaged file reads as none (the session goes on with what it holds). */
  private readSaved(): Promise<Profile | undefined> {
    return readProfile(this.profileName, this.env).catch(() => undefined);
  }

  /**
   * A saved login on the same server that is not the one held here, told by its refresh token: two
   * access tokens made in the same second for the same session are the same string.
   */
  private isNewer(saved: Profile): boolean {
    return saved.server === this.server && saved.refreshToken !== this.profile.refreshToken;
  }

  private signedOut(why: string): RtcError {
    return RtcError.unauthenticated(`signed out (${why})`, { hint: 'run rtc login' });
  }

  /**
   * Resolves with a new access token once the profile holds a new login on this server (`rtc login` in
   * another terminal), after the session ended; rejects when `signal` aborts.
   */
  async nextLogin(signal: AbortSignal): Promise<string> {
    const dead = this.profile;
    const fresh = await untilNewLogin(
      () => this.readSaved(),
      (profile) => profile.server === this.server && (profile.refreshToken ?? profile.token) !== (dead.refreshToken ?? dead.token),
      configDir(this.env),
      signal,
    );
    this.profile = fresh;
    return fresh.token;
  }

  /** A lock file beside the profiles, so that two processes do not spend the same refresh token; without one, go on unlocked. */
  private async lock(): Promise<() => Promise<void>> {
    try {
      const { lock } = await import('proper-lockfile');
      const dir = configDir(this.env);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return await lock(dir, {
        lockfilePath: `${dir}/session-renewal.lock`,
        stale: 10_000,
        retries: { retries: 40, minTimeout: 25, maxTimeout: 250 },
      });
    } catch {
      return async () => {};
    }
  }
}

/** A session for the context's profile when its token came from there, else undefined (flags and RTC_TOKEN are used as given). */
export async function profileSessionFor(
  context: { source: { token: string; server: string }; server: string },
  profileName: string | undefined,
  ca?: string | Buffer | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProfileSession | undefined> {
  if (context.source.token !== 'profile') return undefined;
  const profile = await readProfile(profileName, env);
  if (!profile || !sameServer(profile.server, context.server)) return undefined;
  return new ProfileSession({ profileName, profile, ca, env });
}
