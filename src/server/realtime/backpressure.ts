import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { bufferedBytes, type CatchUp } from './catch-up.js';
import type { RtcServer, RtcSocket } from './types.js';

export interface BackpressureOptions {
  highWaterBytes: number;
  lowWaterBytes: number;
  intervalMs: number;
  /** A count of sends (the broadcaster's); while it stands still and nobody is held, the scan runs only every idleSweepMs. */
  activity?: () => number;
  idleSweepMs?: number;
}

const REASON = 'backpressure';

/**
 * Watches every local socket's send buffer. Over the high-water mark a socket stops getting live
 * events; once it drains under the low-water mark it is sent what it missed from the log, then live
 * again. Memory stays bounded by the marks, and a slow kitchen screen loses nothing.
 */
export class Backpressure {
  private timer: NodeJS.Timeout | undefined;
  private readonly releasing = new Set<string>();
  lagging = 0;
  private lastActivity: number | undefined;
  private lastFullSweep = 0;

  constructor(
    private readonly io: RtcServer,
    private readonly catchUp: CatchUp,
    private readonly options: BackpressureOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sweep(): void {
    // Send buffers only grow when something is sent: scanning every socket 20 times a second on a
    // quiet server was most of an idle server's CPU (one update a minute to 1,000 watchers).
    const activity = this.options.activity?.();
    const now = Date.now();
    const quiet = activity !== undefined && activity === this.lastActivity && this.lagging === 0;
    if (quiet && now - this.lastFullSweep < (this.options.idleSweepMs ?? 1000)) return;
    this.lastActivity = activity;
    this.lastFullSweep = now;
    let lagging = 0;
    for (const socket of this.io.of('/').sockets.values()) {
      const held = socket.data.holds?.has(REASON) ?? false;
      const bytes = bufferedBytes(socket);
      if (!held && bytes > this.options.highWaterBytes) {
        this.log.warn({ socket: socket.id, user: socket.data.user.id, bytes }, 'slow consumer: holding live events');
        void this.catchUp.hold(socket, REASON);
        lagging++;
      } else if (held) {
        lagging++;
        if (bytes < this.options.lowWaterBytes) this.release(socket);
      }
    }
    this.lagging = lagging;
    this.metrics.laggingSockets.set(lagging);
  }

  private release(socket: RtcSocket): void {
    if (this.releasing.has(socket.id)) return;
    this.releasing.add(socket.id);
    this.catchUp
      .release(socket, REASON)
      .then((done) => done && this.log.info({ socket: socket.id }, 'slow consumer caught up'))
      .catch((error: unknown) => this.log.error({ err: error, socket: socket.id }, 'catch-up failed'))
      .finally(() => this.releasing.delete(socket.id));
  }
}
