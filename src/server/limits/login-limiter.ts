import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimiterStore, WindowSpec } from './limiter-store.js';
import { toRateLimited } from './rate-gate.js';

export interface LoginLimits {
  /** Attempts per username from one client address per window: the brute-force lock. */
  perUserAddress: WindowSpec;
  /** Attempts per username over every address per window: a cap on guessing from many addresses. */
  perUser: WindowSpec;
  /** Attempts per client address per window. */
  perAddress: WindowSpec;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUserAddress: { points: 10, duration: 60 },
  perUser: { points: 100, duration: 60 },
  perAddress: { points: 50, duration: 60 },
};

/**
 * Login attempts, per address, per username from one address, and per username over all addresses.
 * An attempt is counted BEFORE its password is checked, so a burst of concurrent guesses cannot all be
 * hashed; a login that succeeds gives its attempt back, so only failures (and attempts still in
 * flight) use the allowance. Keys expire with their window on their own: memory stays bounded without
 * ever forgetting a locked name early.
 *
 * The lock on a name is per address: with one lock per name, anyone could keep anyone (the
 * superadmin too) from logging in with ten wrong passwords a minute (attacker trial of 2026-11-30).
 * Guessing one name from many addresses still meets the per-name cap, ten times higher.
 */
export class LoginLimiter {
  private readonly byUserAddress: RateLimiterAbstract;
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(store: LimiterStore, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.byUserAddress = store.make('login:user-address', limits.perUserAddress);
    this.byUser = store.make('login:user', limits.perUser);
    this.byAddress = store.make('login:address', limits.perAddress);
  }

  /** Counts an attempt; throws RATE_LIMITED (with `retryAfter` seconds) when either allowance is spent. */
  async attempt(username: string, address: string): Promise<void> {
    // The address first: a flood of made-up names from one address stops there, before it makes keys per name.
    try {
      await this.byAddress.consume(address);
    } catch (rejection) {
      throw toRateLimited(rejection, 'too many login attempts from this address');
    }
    const pair = `${username}\u0000${address}`;
    try {
      await this.byUserAddress.consume(pair);
    } catch (rejection) {
      await this.byAddress.reward(address).catch(() => undefined);
      throw toRateLimited(rejection, `too many login attempts for ${username} from this address`);
    }
    try {
      await this.byUser.consume(username);
    } catch (rejection) {
      await Promise.all([this.byAddress.reward(address), this.byUserAddress.reward(pair)]).catch(() => undefined);
      throw toRateLimited(rejection, `too many login attempts for ${username}`);
    }
  }

  /** Gives a successful login's attempt back. */
  async succeeded(username: string, address: string): Promise<void> {
    const pair = `${username}\u0000${address}`;
    await Promise.all([this.byUserAddress.reward(pair), this.byUser.reward(username), this.byAddress.reward(address)]).catch(() => undefined);
  }
}
