import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimiterStore, WindowSpec } from './limiter-store.js';
import { toRateLimited } from './rate-gate.js';

export interface LoginLimits {
  /** Attempts per username per window. */
  perUser: WindowSpec;
  /** Attempts per client address per window. */
  perAddress: WindowSpec;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUser: { points: 10, duration: 60 },
  perAddress: { points: 50, duration: 60 },
};

/**
 * Login attempts, per username and per address. An attempt is counted BEFORE its password is
 * checked, so a burst of concurrent guesses cannot all be hashed; a login that succeeds gives its
 * attempt back, so only failures (and attempts still in flight) use the allowance. Keys expire with
 * their window on their own: memory stays bounded without ever forgetting a locked name early.
 */
export class LoginLimiter {
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(store: LimiterStore, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
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
    try {
      await this.byUser.consume(username);
    } catch (rejection) {
      await this.byAddress.reward(address).catch(() => undefined);
      throw toRateLimited(rejection, `too many login attempts for ${username}`);
    }
  }

  /** Gives a successful login's attempt back. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.byUser.reward(username), this.byAddress.reward(address)]).catch(() => undefined);
  }
}
