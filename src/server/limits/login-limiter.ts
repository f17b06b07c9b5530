import { RtcError } from '../../protocol/errors.js';
import { TokenBucket } from './token-bucket.js';

/**
 * Failed logins drain a bucket per username and one per address; an empty bucket refuses even the
 * right password until it refills, which is what makes guessing slow.
 */
export class LoginLimiter {
  private readonly byUser = new Map<string, TokenBucket>();
  private readonly byAddress = new Map<string, TokenBucket>();

  constructor(
    private readonly perUser = { burst: 10, perSecond: 0.2 },
    private readonly perAddress = { burst: 50, perSecond: 1 },
  ) {}

  private bucket(map: Map<string, TokenBucket>, key: string, spec: { burst: number; perSecond: number }): TokenBucket {
    let bucket = map.get(key);
    if (!bucket) {
      if (map.size > 10_000) map.clear();
      bucket = new TokenBucket(spec.burst, spec.perSecond);
      map.set(key, bucket);
    }
    return bucket;
  }

  check(username: string, address: string): void {
    for (const bucket of [this.bucket(this.byUser, username, this.perUser), this.bucket(this.byAddress, address, this.perAddress)]) {
      if (bucket.peek() < 1) {
        const retryAfter = Math.max(1, Math.ceil(1 / Math.min(this.perUser.perSecond, this.perAddress.perSecond)));
        throw RtcError.rateLimited('too many failed logins', retryAfter);
      }
    }
  }

  failed(username: string, address: string): void {
    this.bucket(this.byUser, username, this.perUser).take();
    this.bucket(this.byAddress, address, this.perAddress).take();
  }
}
