import { hostname } from 'node:os';
import type { SystemStats } from '../../protocol/events.js';
import { ADMIN_ROOM } from '../../protocol/rooms.js';
import type { Store } from '../store/store.js';
import type { RtcServer } from './types.js';

/** Once a second, while a superadmin watches, what this node is doing. */
export class SystemStatsPublisher {
  private timer: NodeJS.Timeout | undefined;
  private appendedSinceTick = 0;
  private lastTick = Date.now();
  private readonly startedAt = Date.now();
  readonly node = `${hostname()}:${process.pid}`;

  constructor(
    private readonly io: RtcServer,
    private readonly store: Store,
    private readonly lagging: () => number,
    private readonly intervalMs = 1000,
  ) {}

  countAppended(): void {
    this.appendedSinceTick++;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The stats now, for an admin who just joined, without starting a new counting interval. */
  current(): Promise<SystemStats> {
    return this.snapshot(false);
  }

  /** The stats now; `reset` (the ticks) starts counting events per second afresh. */
  async snapshot(reset = true): Promise<SystemStats> {
    const now = Date.now();
    const seconds = Math.max(0.001, (now - this.lastTick) / 1000);
    const eventsPerSecond = Math.round((this.appendedSinceTick / seconds) * 10) / 10;
    if (reset) {
      this.appendedSinceTick = 0;
      this.lastTick = now;
    }
    const memory = process.memoryUsage();
    const rooms = [...this.io.of('/').adapter.rooms.keys()].filter((room) => !this.io.of('/').sockets.has(room)).length;
    return {
      connections: this.io.of('/').sockets.size,
      rooms,
      eventsPerSecond,
      laggingSockets: this.lagging(),
      memory: { rss: memory.rss, heapUsed: memory.heapUsed },
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
      openOrdersByRestaurant: await this.store.countOpenOrdersByRestaurant(),
      node: this.node,
    };
  }

  async tick(): Promise<void> {
    if (!this.io.of('/').adapter.rooms.has(ADMIN_ROOM)) {
      this.appendedSinceTick = 0;
      this.lastTick = Date.now();
      return;
    }
    const stats = await this.snapshot();
    // Per node: with several nodes each speaks for itself (stats.node) to the admins connected to it.
    this.io.local.to(ADMIN_ROOM).emit('system_stats_changed', stats);
  }
}
