import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { bufferedBytes, type CatchUp } from './catch-up.js';
import type { RtcServer, RtcSocket } from './types.js';

export interface BackpressureOptions {
  highWaterBytes: number;
  lowWaterBytes: number;
  /** How often the sockets of the rooms sent to are looked at (ms). */
  intervalMs: number;
  /**
   * The rooms sent to since the last call, emptied by the call (the broadcaster's). Without it, every
   * socket is looked at every interval.
   */
  drainTouchedRooms?: () => Iterable<string>;
  /** How often every socket is looked at anyway (ms): anything else a socket was sent (acks, snapshots). */
  fullSweepMs?: number;
}

const REASON = 'backpressure';

/**
 * Watches the local sockets' send buffers. Over the high-water mark a socket stops getting live
 * events; once it drains under the low-water mark it is sent what it missed from the log, then live
 * again. Memory stays bounded by the marks, and a slow kitchen screen loses nothing.
 *
 * Every interval it looks at the sockets of the rooms that were sent to and at the sockets it holds;
 * once a second at every socket. Scanning all 10,000 sockets of 1,000 rooms 20 times a second, while
 * each event went to ten of them, was a quarter of the server's CPU at 100 events a second (bench
 * fanout10k); send buffers only grow where something was sent.
 */
export class Backpressure {
  private timer: NodeJS.Timeout | undefined;
  private readonly releasing = new Set<string>();
  /** Ids of the sockets held for backpressure. */
  private readonly held = new Set<string>();
  private lastFullSweep = 0;

  constructor(
    private readonly io: RtcServer,
    private readonly catchUp: CatchUp,
    private readonly options: BackpressureOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  /** Sockets held back now. */
  get lagging(): number {
    return this.held.size;
  }

  start(): void {
    this.timer = setInterval(() => this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sweep(): void {
    const now = Date.now();
    const sockets = this.io.of('/').sockets;
    const touched = this.options.drainTouchedRooms?.();
    if (!touched || now - this.lastFullSweep >= (this.options.fullSweepMs ?? 1000)) {
      this.lastFullSweep = now;
      for (const socket of sockets.values()) this.check(socket);
    } else {
      const ids = new Set(this.held);
      const members = this.io.of('/').adapter.rooms;
      for (const room of touched) for (const id of members.get(room) ?? []) ids.add(id);
      for (const id of ids) {
        const socket = sockets.get(id);
        if (socket) this.check(socket);
        else this.held.delete(id);
      }
    }
    this.metrics.laggingSockets.set(this.held.size);
  }

  private check(socket: RtcSocket): void {
    const held = socket.data.holds?.has(REASON) ?? false;
    const bytes = bufferedBytes(socket);
    if (!held && bytes > this.options.highWaterBytes) {
      this.log.warn({ socket: socket.id, user: socket.data.user.id, bytes }, 'slow consumer: holding live events');
      void this.catchUp.hold(socket, REASON);
      this.held.add(socket.id);
    } else if (held) {
      this.held.add(socket.id);
      if (bytes < this.options.lowWaterBytes) this.release(socket);
    } else {
      this.held.delete(socket.id);
    }
  }

  private release(socket: RtcSocket): void {
    if (this.releasing.has(socket.id)) return;
    this.releasing.add(socket.id);
    this.catchUp
      .release(socket, REASON)
      .then((done) => {
        if (!done) return;
        this.held.delete(socket.id);
        this.log.info({ socket: socket.id }, 'slow consumer caught up');
      })
      .catch((error: unknown) => this.log.error({ err: error, socket: socket.id }, 'catch-up failed'))
      .finally(() => this.releasing.delete(socket.id));
  }
}
