/** A token bucket: `burst` tokens at most, refilled at `perSecond`. Time is passed in so tests need no clock. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now: number = Date.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    this.updatedAt = now;
  }

  /** Takes a token if there is one; otherwise answers how many seconds until there will be. */
  take(now: number = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }

  peek(now: number = Date.now()): number {
    this.refill(now);
    return this.tokens;
  }
}

export interface RateSpec {
  burst: number;
  perSecond: number;
}

/** Reads "30:10" (burst:per-second). */
export function parseRateSpec(text: string): RateSpec | undefined {
  const match = /^(\d+):(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return undefined;
  const burst = Number(match[1]);
  const perSecond = Number(match[2]);
  if (burst < 1 || perSecond <= 0) return undefined;
  return { burst, perSecond };
}
