import { BurstyRateLimiter, RateLimiterRes } from 'rate-limiter-flexible';
import { RtcError } from '../../protocol/errors.js';
import type { LimiterStore } from './limiter-store.js';
import type { RateSpec } from './token-bucket.js';

/**
 * A limit of BURST:PER_SECOND per key (a user id, an address), over every connection and every node
 * that shares the store: PER_SECOND a second sustained, and on top of it a reserve of BURST that
 * refills over BURST/PER_SECOND seconds.
 */
export class RateGate {
  private readonly limiter: BurstyRateLimiter;

  constructor(
    store: LimiterStore,
    readonly name: string,
    readonly spec: RateSpec,
  ) {
    const sustained = store.make(`${name}:rate`, { points: Math.max(1, Math.floor(spec.perSecond)), duration: 1 });
    const burst = store.make(`${name}:burst`, { points: spec.burst, duration: Math.max(1, Math.ceil(spec.burst / spec.perSecond)) });
    this.limiter = new BurstyRateLimiter(sustained, burst);
  }

  /** Counts one request of `key`; throws RATE_LIMITED with `retryAfter` (whole seconds, >= 1) when over the limit. */
  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      throw toRateLimited(rejection, 'too many requests');
    }
  }
}

/** A limiter's refusal as the contract's error; anything else (a store failure) is rethrown as it is. */
export function toRateLimited(rejection: unknown, what: string): RtcError {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
  const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return RtcError.rateLimited(what, retryAfter);
}
