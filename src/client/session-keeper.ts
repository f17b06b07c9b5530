import { RtcError } from '../protocol/errors.js';
import type { Connection } from './connection.js';
import type { TokenSource } from './http-client.js';

/** A session the keeper can look after: see ProfileSession. */
export interface RenewingSession extends TokenSource {
  /** The access token held now, without renewing. */
  readonly current: string;
  /** When to renew (ms since the Unix epoch); undefined: never (an API key). */
  renewAt(): number | undefined;
  /** Resolves with the token of a new login once there is one (after the session ended); rejects when `signal` aborts. */
  nextLogin(signal: AbortSignal): Promise<string>;
}

export interface SessionKeeperEvents {
  /** Something the user should be told (a refused renewal: "signed out ... run rtc login"). */
  notice(error: RtcError): void;
  /** The session ended for good, or a new login was picked up. */
  session(change: 'signed-out' | 'signed-in'): void;
}

/** How soon to try again when a renewal could not reach the server (ms). */
const RETRY_MS = 2000;

const signedOut = (error: unknown): error is RtcError =>
  error instanceof RtcError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');

/**
 * Keeps a connection's session alive: renews the access token before it ends and hands it to the open
 * socket (`session_refresh`) and to the next handshake; when the server refuses the token or ends the
 * session, renews once and connects again. When the session is really over it signs the link out
 * ("signed out: run rtc login") and waits for a new login in the profile, then connects with it.
 */
export class SessionKeeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly stopped = new AbortController();
  /** A renewal answered a refusal since the last connect: a second refusal means the new token is refused too. */
  private renewedSinceConnect = false;

  constructor(
    private readonly connection: Connection,
    private readonly session: RenewingSession,
    private readonly events: SessionKeeperEvents,
  ) {
    connection.onSessionEnd = (reason) => void this.recover(reason);
    connection.on('connect', () => (this.renewedSinceConnect = false));
    this.schedule();
  }

  /** Stops renewing and waiting for a login (the client closes). */
  stop(): void {
    clearTimeout(this.timer);
    this.stopped.abort();
    this.connection.onSessionEnd = undefined;
  }

  private schedule(delayMs?: number): void {
    clearTimeout(this.timer);
    if (this.stopped.signal.aborted) return;
    const at = this.session.renewAt();
    if (delayMs === undefined && at === undefined) return;
    this.timer = setTimeout(() => void this.renewNow(), delayMs ?? Math.max(0, at! - Date.now()));
  }

  private async renewNow(): Promise<void> {
    let token: string;
    try {
      token = await this.session.renew();
    } catch (error) {
      if (signedOut(error)) return this.signOut(error);
      return this.schedule(RETRY_MS);
    }
    if (this.stopped.signal.aborted) return;
    this.connection.setToken(token);
    this.schedule();
    if (!this.connection.connected) return;
    try {
      await this.connection.request('session_refresh', { token });
    } catch (error) {
      // Refused: the server ends the socket (session_expired) and recover() takes over; offline: the reconnect sends the new token.
      if (error instanceof RtcError && error.code !== 'UNREACHABLE') this.events.notice(error);
    }
  }

  private async recover(reason: string): Promise<void> {
    if (this.stopped.signal.aborted) return;
    if (this.renewedSinceConnect) return this.signOut(RtcError.unauthenticated(`signed out (${reason})`));
    this.renewedSinceConnect = true;
    try {
      const token = await this.session.renew();
      if (this.stopped.signal.aborted) return;
      this.connection.resume(token);
      this.schedule();
    } catch (error) {
      if (signedOut(error)) return this.signOut(error);
      // The server cannot be reached to renew: try again, the link stays "reconnecting" meanwhile.
      this.renewedSinceConnect = false;
      setTimeout(() => void this.recover(reason), RETRY_MS);
    }
  }

  private signOut(error: RtcError): void {
    if (this.stopped.signal.aborted) return;
    clearTimeout(this.timer);
    this.connection.signOut('signed out: run rtc login');
    this.events.notice(error);
    this.events.session('signed-out');
    this.session.nextLogin(this.stopped.signal).then(
      (token) => {
        this.renewedSinceConnect = false;
        this.connection.resume(token);
        this.schedule();
        this.events.session('signed-in');
      },
      () => {},
    );
  }
}
