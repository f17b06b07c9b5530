import { foldOrder } from '../../domain/fold.js';
import { maybeDeflate } from '../../protocol/deflated.js';
import type { BatchMessage } from '../../protocol/events.js';
import type { Order, StoredEvent } from '../../protocol/model.js';
import { parseRoom } from '../../protocol/rooms.js';
import type { Store } from '../store/store.js';
import type { Broadcaster } from './broadcaster.js';
import { HELD_ROOM, type RtcSocket } from './types.js';
import { toMessage } from './wire.js';

const PAGE = 500;

export interface CatchUpOptions {
  /** Stop replaying into a socket whose buffer is over this; it stays held and is resumed later. */
  highWaterBytes: number;
}

/** Bytes waiting to go out to a socket: engine.io's write buffer plus the websocket's own. */
export function bufferedBytes(socket: RtcSocket): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: { data?: unknown; options?: { wsPreEncodedFrame?: unknown[] } }[];
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let total = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const data = packet.data;
    if (typeof data === 'string') total += data.length;
    else if (data instanceof Uint8Array) total += data.byteLength;
  }
  return total;
}

/**
 * Holding a socket takes it out of room broadcasts and remembers where each of its streams stood;
 * releasing it replays from the log what it missed, in order, then lets it back into live delivery.
 * Slow consumers (backpressure) and joins with `since` both go through here.
 */
export class CatchUp {
  constructor(
    private readonly store: Store,
    private readonly broadcaster: Broadcaster,
    private readonly options: CatchUpOptions,
  ) {}

  /**
   * Puts a socket in a stream room. With `since` (a seq for a restaurant room, a version for an order
   * room) the socket is held while it joins, then sent everything after `since` from the log, in
   * order, before live delivery resumes; without it the socket just joins.
   */
  async joinFrom(socket: RtcSocket, room: string, since: number | undefined): Promise<void> {
    if (since === undefined) {
      socket.join(room);
      return;
    }
    const reason = `join:${room}`;
    await this.hold(socket, reason);
    socket.join(room);
    (socket.data.resumeFrom ??= new Map()).set(room, since);
    await this.release(socket, reason);
  }

  async hold(socket: RtcSocket, reason: string): Promise<void> {
    const data = socket.data;
    const holds = (data.holds ??= new Set());
    const first = holds.size === 0;
    holds.add(reason);
    if (!first) return;
    socket.join(HELD_ROOM);
    const resumeFrom = (data.resumeFrom ??= new Map());
    for (const room of socket.rooms) {
      if (resumeFrom.has(room)) continue;
      const point = await this.currentPoint(room);
      if (point !== undefined) resumeFrom.set(room, point);
    }
  }

  /** Where a stream stands as far as this socket's buffer goes: what was last broadcast, else the log's head. */
  private async currentPoint(room: string): Promise<number | undefined> {
    const ref = parseRoom(room);
    if (ref?.kind === 'restaurant') return this.broadcaster.lastSeq.get(ref.id) ?? (await this.store.headSeq(ref.id));
    if (ref?.kind === 'order') return this.broadcaster.lastVersion.get(ref.id) ?? (await this.store.getOrder(ref.id))?.version;
    return undefined;
  }

  /** Drops one reason; when none is left, replays and releases. Answers false if it had to stop (buffer full). */
  async release(socket: RtcSocket, reason: string): Promise<boolean> {
    const data = socket.data;
    data.holds?.delete(reason);
    if (data.holds && data.holds.size > 0) return true;
    const done = await this.replay(socket);
    if (!done) {
      (data.holds ??= new Set()).add('backpressure');
      return false;
    }
    if (!data.holds?.size && socket.connected) {
      socket.leave(HELD_ROOM);
      data.resumeFrom?.clear();
    }
    return true;
  }

  private async replay(socket: RtcSocket): Promise<boolean> {
    const resumeFrom = socket.data.resumeFrom;
    if (!resumeFrom) return true;
    for (;;) {
      let progressed = false;
      for (const [room, point] of resumeFrom) {
        if (!socket.connected) return true;
        if (!socket.rooms.has(room)) {
          resumeFrom.delete(room);
          continue;
        }
        const ref = parseRoom(room);
        const messages: BatchMessage[] = [];
        if (ref?.kind === 'restaurant') {
          const events = await this.store.restaurantEvents(ref.id, point, PAGE);
          for (const event of events) messages.push(toMessage(event, true, await this.recalledOrder(event)));
          if (events.length) resumeFrom.set(room, events[events.length - 1]!.seq);
        } else if (ref?.kind === 'order') {
          const events = await this.store.orderEvents(ref.id, point);
          for (const event of events) if (event.type !== 'OrderCreated') messages.push(toMessage(event, true, await this.recalledOrder(event)));
          if (events.length) resumeFrom.set(room, events[events.length - 1]!.version);
        }
        if (messages.length === 0) continue;
        progressed = true;
        this.send(socket, messages);
        if (bufferedBytes(socket) > this.options.highWaterBytes) return false;
      }
      if (!progressed) return true;
    }
  }

  /**
   * For a recall, the order as it left it (the fold of its events up to that version), which the
   * replayed message carries like the live one; undefined for any other event. Recalls are rare:
   * one read of the order's events each.
   */
  private async recalledOrder(event: StoredEvent): Promise<Order | undefined> {
    if (event.type !== 'OrderStatusRecalled') return undefined;
    const history = await this.store.orderEvents(event.orderId);
    return foldOrder(history.filter((each) => each.version <= event.version));
  }

  private send(socket: RtcSocket, messages: BatchMessage[]): void {
    if (socket.data.features.batchReplay) {
      const payload = { messages };
      socket.emit('batch_update', socket.data.features.deflate ? maybeDeflate(payload) : payload);
      return;
    }
    for (const message of messages) {
      if (message.event === 'restaurant_order_received') socket.emit('restaurant_order_received', message.data);
      else socket.emit('order_status_updated', message.data);
    }
  }
}
