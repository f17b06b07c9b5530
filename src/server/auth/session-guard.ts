import { RtcError } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import type { SessionState, Store } from '../store/store.js';
import type { Principal, SessionEnd } from './principal.js';

interface UserState {
  tokenGen: number;
  disabled: boolean;
}

export interface SessionGuardOptions {
  /** How often the generations and revoked sessions are read again from the store, ms (another node's change is seen by then). */
  reloadMs: number;
  /** How far back revoked sessions matter, ms: the longest an access token lives. */
  revokedWindowMs: number;
}

/**
 * Answers, for every use of an access token (each HTTP request, each socket handshake), whether its
 * session still holds: the user exists, is not disabled, is still at the generation the token was
 * issued under, and the token's login was not signed out. In memory, so a check costs two map
 * lookups; read again from the store every `reloadMs`, and told at once of ends on this node and
 * (through `ended` from the cluster) on the others.
 */
export class SessionGuard {
  private users = new Map<string, UserState>();
  private revoked = new Set<string>();
  /** Users looked up since the last reload and not found: a flood of a removed user's tokens costs one query. */
  private missing = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((end: SessionEnd) => void)[] = [];
  private readonly reloadListeners: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly options: SessionGuardOptions,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().then(
        () => this.reloadListeners.forEach((listener) => listener()),
        (error: unknown) => this.log.warn({ err: error }, 'could not read session generations; keeping the last ones'),
      );
    }, this.options.reloadMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Called for every session end this node learns of (its own and the cluster's). */
  onEnded(listener: (end: SessionEnd) => void): void {
    this.listeners.push(listener);
  }

  /** Called after each reload from the store: the moment to sweep open sockets for ends another node saw. */
  onReloaded(listener: () => void): void {
    this.reloadListeners.push(listener);
  }

  private async reload(): Promise<void> {
    const state: SessionState = await this.store.sessionState(Date.now() - this.options.revokedWindowMs);
    this.users = new Map(state.users.map((user) => [user.id, { tokenGen: user.tokenGen, disabled: user.disabled }]));
    this.revoked = new Set(state.revokedSessions);
    this.missing.clear();
  }

  /**
   * Throws RtcError UNAUTHENTICATED (with the reason and what to do) when the principal's session
   * has ended. API keys are checked by ApiKeys, not here.
   */
  async check(principal: Principal): Promise<void> {
    if (principal.keyId) return;
    const why = await this.problem(principal);
    if (why) throw new RtcError('UNAUTHENTICATED', `${why}: run rtc login`);
  }

  /** The reason the session has ended, or undefined while it holds; no store access once the user is known. */
  async problem(principal: Principal): Promise<string | undefined> {
    if (principal.keyId) return undefined;
    const state = this.users.get(principal.user.id) ?? (await this.lookup(principal.user.id));
    return this.verdict(principal, state);
  }

  /** The same answer without touching the store: for sweeping many sockets at once. */
  problemNow(principal: Principal): string | undefined {
    if (principal.keyId) return undefined;
    // Sweeps run right after a reload: a user not in it is gone.
    return this.verdict(principal, this.users.get(principal.user.id));
  }

  /** The user's own state says most (removed, disabled, changed); a revoked login only when it says nothing. */
  private verdict(principal: Principal, state: UserState | undefined): string | undefined {
    if (!state) return 'this user no longer exists';
    if (state.disabled) return 'this user is disabled';
    if ((principal.gen ?? 0) !== state.tokenGen) return 'session ended (role, restaurant or password changed)';
    if (principal.sessionId && this.revoked.has(principal.sessionId)) return 'signed out';
    return undefined;
  }

  /** A user made after the last reload (maybe on another node). */
  private async lookup(userId: string): Promise<UserState | undefined> {
    if (this.missing.has(userId)) return undefined;
    const user = await this.store.getUser(userId);
    if (!user) {
      this.missing.add(userId);
      return undefined;
    }
    const state = { tokenGen: user.tokenGen, disabled: user.disabled };
    this.users.set(userId, state);
    return state;
  }

  /** Takes in an end (of this node or another) and tells the listeners. */
  ended(end: SessionEnd): void {
    if (end.kind === 'user') {
      if (end.state) {
        this.users.set(end.userId, end.state);
        this.missing.delete(end.userId);
      } else {
        this.users.delete(end.userId);
        this.missing.add(end.userId);
      }
    } else if (end.kind === 'session') {
      this.revoked.add(end.sessionId);
    }
    for (const listener of this.listeners) listener(end);
  }

  /** A user made on this node: known at once, without waiting for a reload. */
  known(userId: string, state: UserState): void {
    this.users.set(userId, state);
    this.missing.delete(userId);
  }
}
