import { LimiterStore } from './limiter-store.js';
import { RateGate } from './rate-gate.js';
import type { RateSpec } from './token-bucket.js';

/** Default per-user (and per-address) limit: far above a busy kitchen, the simulator and the tests. */
export const DEFAULT_USER_RATE_LIMIT: RateSpec = { burst: 60, perSecond: 20 };

/**
 * Request limits that do not depend on the connection: per user over all of that user's sockets and
 * HTTP calls, and per client address for requests without a valid token. Cluster-wide with Redis.
 */
export class RequestLimits {
  private readonly perUser: RateGate;
  private readonly perAddress: RateGate;

  constructor(store: LimiterStore, spec: RateSpec = DEFAULT_USER_RATE_LIMIT) {
    this.perUser = new RateGate(store, 'user', spec);
    this.perAddress = new RateGate(store, 'address', spec);
  }

  /** Counts one request of a user (by id); throws RATE_LIMITED with retryAfter. */
  forUser(userId: string): Promise<void> {
    return this.perUser.take(userId);
  }

  /** Counts one unauthenticated request from an address; throws RATE_LIMITED with retryAfter. */
  forAddress(address: string): Promise<void> {
    return this.perAddress.take(address);
  }
}
