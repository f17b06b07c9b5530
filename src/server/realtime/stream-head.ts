import { parseRoom, restaurantRoom } from '../../protocol/rooms.js';
import type { Store } from '../store/store.js';
import type { Broadcaster } from './broadcaster.js';
import { HELD_ROOM, type RtcServer } from './types.js';

export interface StreamHeadOptions {
  /** The longest a room goes without a head while it is quiet (ms); the contract's 30 s by default. */
  quietMs: number;
  /** How long after a room's last event its head goes out (ms): a burst gets one head, at its end. */
  settleMs: number;
  /**
   * True when this node's sockets are all there is (no cluster). With Redis, the head that ends a
   * burst goes to the room on every node, since only the publishing node knows the burst ended.
   */
  roomsAreLocal: boolean;
}

/**
 * Tells each restaurant room where its stream stands (`stream_head {restaurantId, seq, epoch,
 * serverTime}`), so that a client that lost the last events of a burst (and so saw no later one to
 * reveal the hole) finds out within about a second: one head `settleMs` after the last event this
 * node published (to the room on every node of a cluster), and one at least every `quietMs` while the
 * room is quiet (each node to its own sockets).
 */
export class StreamHeads {
  private timer: NodeJS.Timeout | undefined;
  /** Per restaurant room, the timer of the head that ends the current burst. */
  private readonly settling = new Map<string, NodeJS.Timeout>();
  /** Per restaurant room, when it was last sent a head (ms, the server's clock). */
  private readonly lastHeadAt = new Map<string, number>();
  /** Per restaurant room, the timer of its quiet head when it falls due before the next tick. */
  private readonly quietTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms whose quiet head is due, sent one per turn (sendDue). */
  private readonly dueRooms: [room: string, restaurantId: string][] = [];
  private readonly tickMs: number;
  private stopped = false;

  constructor(
    private readonly io: RtcServer,
    private readonly store: Store,
    private readonly broadcaster: Broadcaster,
    private readonly options: StreamHeadOptions,
  ) {
    // How far ahead the tick looks for quiet heads falling due (each then has a timer of its own).
    this.tickMs = Math.max(10, Math.min(1000, Math.floor(options.quietMs / 4)));
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const timer of [...this.settling.values(), ...this.quietTimers.values()]) clearTimeout(timer);
    this.settling.clear();
    this.quietTimers.clear();
    this.dueRooms.length = 0;
  }

  /** An event of the restaurant's stream went out: its head follows once the burst is over. */
  eventSent(restaurantId: string): void {
    if (this.stopped) return;
    const room = restaurantRoom(restaurantId);
    clearTimeout(this.settling.get(room));
    const timer = setTimeout(() => void this.settled(room, restaurantId), this.options.settleMs);
    timer.unref();
    this.settling.set(room, timer);
  }

  private async settled(room: string, restaurantId: string): Promise<void> {
    this.settling.delete(room);
    // Still gathering a batch: the burst is not over; the batch's flush is within batchMs.
    if (this.broadcaster.pending(room)) return this.eventSent(restaurantId);
    if (!this.options.roomsAreLocal) await this.send(room, restaurantId, 'cluster');
    else if (this.io.of('/').adapter.rooms.has(room)) await this.send(room, restaurantId, 'local');
  }

  /**
   * Quiet heads: every room whose last head is `quietMs` old gets one then, not earlier: the tick
   * finds the rooms due before the next tick and sets each a timer for the moment it is due. (Sent
   * at the tick before, a minute with one update carried three heads instead of two: 29 s after the
   * burst's head came one more just before the next update's.)
   */
  tick(): void {
    const now = Date.now();
    const present = new Set<string>();
    for (const room of this.io.of('/').adapter.rooms.keys()) {
      const ref = parseRoom(room);
      if (ref?.kind !== 'restaurant') continue;
      present.add(room);
      const last = this.lastHeadAt.get(room);
      // A room seen for the first time was just joined: its join ack told it where the stream stands.
      if (last === undefined) {
        this.lastHeadAt.set(room, now);
        continue;
      }
      const wait = last + this.options.quietMs - now;
      if (wait > this.tickMs || this.quietTimers.has(room)) continue;
      const timer = setTimeout(() => this.quietDue(room, ref.id, last), Math.max(0, wait));
      timer.unref();
      this.quietTimers.set(room, timer);
    }
    for (const room of this.lastHeadAt.keys()) if (!present.has(room)) this.lastHeadAt.delete(room);
  }

  /** A room's quiet head is due, unless it had a head since (`last` is when the one before went). */
  private quietDue(room: string, restaurantId: string, last: number): void {
    this.quietTimers.delete(room);
    if (this.stopped || this.lastHeadAt.get(room) !== last) return;
    if (this.settling.has(room) || this.broadcaster.pending(room)) return;
    this.dueRooms.push([room, restaurantId]);
    if (this.dueRooms.length === 1) void this.sendDue();
  }

  /**
   * Sends the due rooms their heads one room per turn of the event loop: heads for 100 rooms in one
   * go (1,000 frames) held the events that arrived meanwhile for ~50 ms (fan-out over 100 rooms, p99
   * 10x raw's), and rooms first seen in one tick all fall due at the same moment.
   */
  private async sendDue(): Promise<void> {
    while (this.dueRooms.length > 0 && !this.stopped) {
      const [room, restaurantId] = this.dueRooms[0]!;
      await this.send(room, restaurantId, 'local');
      this.dueRooms.shift();
      if (this.dueRooms.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Sends the room its head: to this node's sockets, or through the adapter to every node's. */
  private async send(room: string, restaurantId: string, reach: 'local' | 'cluster'): Promise<void> {
    const seq = await this.store.headSeq(restaurantId).catch(() => undefined);
    if (seq === undefined || this.stopped) return;
    this.lastHeadAt.set(room, Date.now());
    const to = reach === 'local' ? this.io.local.to(room) : this.io.to(room);
    to.except(HELD_ROOM).emit('stream_head', { restaurantId, seq, epoch: this.store.epoch, serverTime: Date.now() });
  }
}
