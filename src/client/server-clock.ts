/** A sample further than this from the estimate is a clock that was set, not noise: taken as it is. */
const STEP_MS = 1000;
/** Weight of a new sample in the smoothed offset. */
const SMOOTHING = 0.2;

/**
 * The server's clock as seen from ours: `offsetMs` = server time - local time, in ms, smoothed over
 * the samples the server gives (`serverTime` in join acks, stream heads and heartbeat answers), so
 * that ages and timers read the server's time even when this machine's clock is off. Undefined until
 * the first sample.
 */
export class ServerClock {
  private offset: number | undefined;

  /** The smoothed offset (ms), or undefined before the server has said its time. */
  get offsetMs(): number | undefined {
    return this.offset;
  }

  /** The server's time now, ms since the Unix epoch: our clock plus the offset (0 before any sample). */
  now(localNow: number = Date.now()): number {
    return localNow + (this.offset ?? 0);
  }

  /**
   * One reading: the server said `serverTime` (ms since the epoch), and we heard it at `receivedAt`
   * (our clock) about `oneWayMs` after it was said (half a measured round trip; 0 when unknown).
   * Ignores what is not a finite number.
   */
  sample(serverTime: unknown, receivedAt: number = Date.now(), oneWayMs = 0): void {
    if (typeof serverTime !== 'number' || !Number.isFinite(serverTime)) return;
    const measured = serverTime + oneWayMs - receivedAt;
    if (this.offset === undefined || Math.abs(measured - this.offset) > STEP_MS) this.offset = measured;
    else this.offset += (measured - this.offset) * SMOOTHING;
  }
}
