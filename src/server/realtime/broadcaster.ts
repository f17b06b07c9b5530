import type { BatchMessage } from '../../protocol/events.js';
import type { Order } from '../../protocol/model.js';
import { restaurantRoom } from '../../protocol/rooms.js';
import { isTerminal } from '../../protocol/status.js';
import type { Metrics } from '../metrics.js';
import { roomsOf } from './rooms-of.js';
import { FAULTED_ROOM, HELD_ROOM, type RtcServer } from './types.js';

interface Window {
  timer: NodeJS.Timeout;
  queue: BatchMessage[];
}

/** Sees every room send; the chaos module uses it to deliver, through its faults, to the sockets broadcasts skip. */
export type SendTap = (rooms: string[], except: string[], messages: BatchMessage[]) => void;

export interface BroadcasterOptions {
  /** Window in which a busy room's events are gathered into one batch_update; 0 sends each at once. */
  batchMs: number;
  maxBatch: number;
  /**
   * True when this node's adapter knows every member of a room (no cluster): a send to rooms with
   * no local member is then skipped before Socket.IO encodes it. With Redis a room may have members
   * on other nodes only, so every send goes out.
   */
  roomsAreLocal: boolean;
}

/**
 * Sends committed events to the rooms that may see them. A quiet room gets each event at once;
 * while a room is busy, what arrives within the window goes out together as one batch_update.
 */
export class Broadcaster {
  private readonly windows = new Map<string, Window>();
  /** Last seq sent to each restaurant room, by restaurant id. */
  readonly lastSeq = new Map<string, number>();
  /** Last version sent to each open order's room. */
  readonly lastVersion = new Map<string, number>();
  tap: SendTap | undefined;
  sent = 0;
  /** Rooms sent to since `drainTouchedRooms` last ran: the send buffers that may have grown. */
  private touched = new Set<string>();

  constructor(
    private readonly io: RtcServer,
    private readonly options: BroadcasterOptions,
    private readonly metrics?: Metrics,
  ) {}

  publish(message: BatchMessage, order: Order): void {
    const { stream, also } = roomsOf(message, order);
    if (also.length) {
      this.send(also, [stream], [message]);
      if (isTerminal(order.status)) this.lastVersion.delete(order.id);
      else this.lastVersion.set(order.id, order.version);
    }
    this.toStream(stream, message);
  }

  private toStream(room: string, message: BatchMessage): void {
    if (this.options.batchMs <= 0) return this.send([room], [], [message]);
    const open = this.windows.get(room);
    if (open) {
      open.queue.push(message);
      if (open.queue.length >= this.options.maxBatch) this.flush(room);
      return;
    }
    const started = Date.now();
    this.send([room], [], [message]);
    this.openWindow(room, started);
  }

  /**
   * The window is counted from when the send began: a send to 1,000 sockets takes ~10 ms, and a
   * window opened after it made a room with an event every 20 ms look busy, so every event waited
   * for the timer (fan-out p50 2.5x raw Socket.IO's; with the window from the start, 1.2x).
   */
  private openWindow(room: string, since: number): void {
    const wait = Math.max(0, this.options.batchMs - (Date.now() - since));
    const window: Window = { queue: [], timer: setTimeout(() => this.flush(room), wait) };
    this.windows.set(room, window);
  }

  private flush(room: string): void {
    const window = this.windows.get(room);
    if (!window) return;
    clearTimeout(window.timer);
    this.windows.delete(room);
    if (window.queue.length === 0) return;
    const started = Date.now();
    this.send([room], [], window.queue);
    // Still busy: keep gathering, so a burst goes out as a few batches rather than a storm of frames.
    this.openWindow(room, started);
  }

  /** True while some of the room's events wait in a batch window. */
  pending(room: string): boolean {
    return (this.windows.get(room)?.queue.length ?? 0) > 0;
  }

  /** False only when no socket can be in any of the rooms (see roomsAreLocal). */
  private anyoneIn(rooms: string[]): boolean {
    if (!this.options.roomsAreLocal) return true;
    const members = this.io.of('/').adapter.rooms;
    return rooms.some((room) => (members.get(room)?.size ?? 0) > 0);
  }

  private send(rooms: string[], except: string[], messages: BatchMessage[]): void {
    // An order's room and its customer's room are empty for most events: encoding a frame for
    // nobody was a tenth of an advance's cost under a stream of commands.
    if (this.anyoneIn(rooms)) this.emit(rooms, except, messages);
    for (const message of messages) {
      const restaurantId =
        message.event === 'restaurant_order_received' ? message.data.order.restaurantId : message.data.restaurantId;
      if (rooms.includes(restaurantRoom(restaurantId))) this.lastSeq.set(restaurantId, message.data.seq);
    }
    this.sent += messages.length;
    this.metrics?.socketEventsSent.inc(messages.length);
    this.tap?.(rooms, except, messages);
  }

  /** The rooms sent to since the last call; the next call starts afresh (Backpressure's targeted sweep). */
  drainTouchedRooms(): Set<string> {
    const touched = this.touched;
    this.touched = new Set();
    return touched;
  }

  private emit(rooms: string[], except: string[], messages: BatchMessage[]): void {
    for (const room of rooms) this.touched.add(room);
    const target = this.io.to(rooms).except([...except, HELD_ROOM, FAULTED_ROOM]);
    if (messages.length === 1) {
      const [message] = messages as [BatchMessage];
      if (message.event === 'restaurant_order_received') target.emit('restaurant_order_received', message.data);
      else target.emit('order_status_updated', message.data);
    } else {
      target.emit('batch_update', { messages });
    }
  }

  /** Sends what is waiting at once; used at shutdown so that nothing committed is left unsent. */
  flushAll(): void {
    for (const room of [...this.windows.keys()]) this.flush(room);
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }
}
