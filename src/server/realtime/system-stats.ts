import { hostname } from 'node:os';
import type { NodeStats, SystemStats } from '../../protocol/events.js';
import { ADMIN_ROOM } from '../../protocol/rooms.js';
import type { ClusterStats } from '../cluster/cluster-stats.js';
import type { Store } from '../store/store.js';
import type { RtcServer } from './types.js';

/** `host:pid`: how a node is named in the cluster's figures. */
export const NODE_NAME = `${hostname()}:${process.pid}`;

/**
 * Once a second, what this node is doing; with a cluster, it tells the other nodes its share every
 * second (admin watching or not, so that any node can show the whole cluster), and its admins get
 * the sums over the live nodes and a row per node.
 */
export class SystemStatsPublisher {
  private timer: NodeJS.Timeout | undefined;
  private appendedSinceTick = 0;
  private lastTick = Date.now();
  private readonly startedAt = Date.now();
  readonly node = NODE_NAME;

  constructor(
    private readonly io: RtcServer,
    private readonly store: Store,
    private readonly lagging: () => number,
    private readonly intervalMs = 1000,
    private readonly cluster?: ClusterStats,
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
    this.cluster?.leave();
  }

  /** This node's own figures since the last tick (events/s over that span); `reset` (the ticks) starts counting afresh. */
  private ownShare(reset = true): NodeStats {
    const now = Date.now();
    const seconds = Math.max(0.001, (now - this.lastTick) / 1000);
    const eventsPerSecond = Math.round((this.appendedSinceTick / seconds) * 10) / 10;
    if (reset) {
      this.appendedSinceTick = 0;
      this.lastTick = now;
    }
    const memory = process.memoryUsage();
    const namespace = this.io.of('/');
    let rooms = 0;
    // A socket's own room (named by its id) is not a room anybody joined.
    for (const room of namespace.adapter.rooms.keys()) if (!namespace.sockets.has(room)) rooms++;
    return {
      node: this.node,
      connections: namespace.sockets.size,
      rooms,
      eventsPerSecond,
      laggingSockets: this.lagging(),
      memory: { rss: memory.rss, heapUsed: memory.heapUsed },
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
    };
  }

  /** The whole cluster from this node: its share, the live peers' (heard within a few seconds), their sums. */
  private async summed(own: NodeStats): Promise<SystemStats> {
    const nodes = [own, ...(this.cluster?.live() ?? [])];
    const sum = (figure: (stats: NodeStats) => number) => nodes.reduce((total, stats) => total + figure(stats), 0);
    return {
      node: own.node,
      uptimeSeconds: own.uptimeSeconds,
      connections: sum((s) => s.connections),
      rooms: sum((s) => s.rooms),
      eventsPerSecond: Math.round(sum((s) => s.eventsPerSecond) * 10) / 10,
      laggingSockets: sum((s) => s.laggingSockets),
      memory: { rss: sum((s) => s.memory.rss), heapUsed: sum((s) => s.memory.heapUsed) },
      openOrdersByRestaurant: await this.store.countOpenOrdersByRestaurant(),
      nodes,
    };
  }

  /** The stats now, for an admin who just joined, without starting a new counting interval. */
  current(): Promise<SystemStats> {
    return this.snapshot(false);
  }

  /** The stats now (the cluster's sums); `reset` (the ticks) starts counting events per second afresh. */
  async snapshot(reset = true): Promise<SystemStats> {
    return this.summed(this.ownShare(reset));
  }

  async tick(): Promise<void> {
    const watched = this.io.of('/').adapter.rooms.has(ADMIN_ROOM);
    if (!watched && !this.cluster) {
      this.appendedSinceTick = 0;
      this.lastTick = Date.now();
      return;
    }
    const own = this.ownShare();
    this.cluster?.share(own);
    if (!watched) return;
    // Local admins only: every node sends its own admins the cluster's sums, so nobody gets them twice.
    this.io.local.to(ADMIN_ROOM).emit('system_stats_changed', await this.summed(own));
  }
}
