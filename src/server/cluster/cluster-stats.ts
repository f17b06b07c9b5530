import type { NodeStats } from '../../protocol/events.js';
import type { RtcServer } from '../realtime/types.js';

/**
 * The other nodes' latest figures, heard through Redis: each node tells the others its share once a
 * second. A node not heard from for `staleMs` (it died, or lost Redis) drops out of the sums; one
 * that shuts down says so and drops out at once. Clocks are never compared: a share is aged by when
 * this node heard it.
 */
export class ClusterStats {
  private readonly peers = new Map<string, { stats: NodeStats; heardAt: number }>();

  constructor(
    private readonly io: RtcServer,
    private readonly self: string,
    private readonly staleMs = 3500,
  ) {
    io.on('rtc_node_stats', (stats: NodeStats) => {
      if (stats.node !== this.self) this.peers.set(stats.node, { stats, heardAt: Date.now() });
    });
    io.on('rtc_node_left', (node: string) => this.peers.delete(node));
  }

  /** Tells the other nodes this node's share. */
  share(stats: NodeStats): void {
    this.io.serverSideEmit('rtc_node_stats', stats);
  }

  /** Tells the other nodes to drop this one now (clean shutdown). */
  leave(): void {
    this.io.serverSideEmit('rtc_node_left', this.self);
  }

  /** The live peers' latest shares, by node name; forgets the stale ones. */
  live(now = Date.now()): NodeStats[] {
    const alive: NodeStats[] = [];
    for (const [node, { stats, heardAt }] of this.peers) {
      if (now - heardAt > this.staleMs) this.peers.delete(node);
      else alive.push(stats);
    }
    return alive.sort((a, b) => a.node.localeCompare(b.node));
  }
}
