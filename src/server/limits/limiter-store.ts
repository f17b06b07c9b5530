import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The Redis client the cluster already holds (node-redis v4+); only what the limiter needs of it. */
export type LimiterRedisClient = object;

export interface WindowSpec {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  duration: number;
}

/**
 * Makes fixed-window limiters: in memory on a single node; in Redis with `--redis`, so the limit holds
 * across every node, with an in-memory limiter of the same spec taking over while Redis is down (a
 * node then limits on its own instead of letting everything through or refusing everything).
 */
export class LimiterStore {
  constructor(private readonly redis?: LimiterRedisClient) {}

  make(name: string, spec: WindowSpec): RateLimiterAbstract {
    const keyPrefix = `rtc:limit:${name}`;
    const memory = new RateLimiterMemory({ keyPrefix, points: spec.points, duration: spec.duration });
    if (!this.redis) return memory;
    return new RateLimiterRedis({
      storeClient: this.redis,
      useRedisPackage: true,
      // Commands would wait in the client's offline queue while it reconnects: go to the insurance at once instead.
      rejectIfRedisNotReady: true,
      keyPrefix,
      points: spec.points,
      duration: spec.duration,
      insuranceLimiter: memory,
    });
  }
}
