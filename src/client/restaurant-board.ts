import { changeStatus } from '../domain/fold.js';
import type { BatchMessage, RestaurantSnapshot, StreamHeadPayload } from '../protocol/events.js';
import type { Order } from '../protocol/model.js';
import { restaurantRoom } from '../protocol/rooms.js';
import { isTerminal } from '../protocol/status.js';
import type { ApplyResult, Requester, StreamModel } from './stream-model.js';

export interface FinishedOrder {
  order: Order;
  finishedAt: number;
}

/** How long finished orders stay in the recall list. */
export const RECALL_MS = 30 * 60 * 1000;

/**
 * A restaurant's open orders as the client knows them: a snapshot plus every event after it, each
 * applied once, in seq order. It never guesses: an event that does not follow is reported as a hole.
 */
export class RestaurantBoard implements StreamModel {
  epoch: string | undefined;
  seq = 0;
  readonly orders = new Map<string, Order>();
  readonly finished = new Map<string, FinishedOrder>();
  readonly room: string;
  /**
   * Creation order, for tickets made in the same millisecond: the seq of an order's OrderCreated when
   * this board saw it, else (from a snapshot, which lists orders in creation order) a rank below the
   * snapshot's seq in the snapshot's order.
   */
  private readonly createdRank = new Map<string, number>();

  constructor(readonly restaurantId: string) {
    this.room = restaurantRoom(restaurantId);
  }

  get hasState(): boolean {
    return this.epoch !== undefined;
  }

  /** Joins with `since` = the last seq applied once it has state; without, for the whole snapshot. */
  async join(request: Requester): Promise<void> {
    const since = this.hasState ? this.seq : undefined;
    const snapshot = await request('join_restaurant_room', { restaurantId: this.restaurantId, ...(since !== undefined ? { since } : {}) });
    if (this.epoch !== undefined && snapshot.epoch !== this.epoch) {
      // A new store: nothing we hold is comparable; start again from its snapshot.
      this.orders.clear();
      this.finished.clear();
    }
    this.loadSnapshot(snapshot);
  }

  leave(request: Requester): Promise<unknown> {
    return request('leave_restaurant_room', { restaurantId: this.restaurantId });
  }

  receive(message: BatchMessage): ApplyResult {
    return this.apply(message);
  }

  /** Without an epoch the board has no state, so the next join asks for the whole snapshot. */
  forgetEpoch(): void {
    this.epoch = undefined;
  }

  compareHead(head: StreamHeadPayload): 'epoch' | 'behind' | undefined {
    if (!this.hasState) return undefined;
    if (head.epoch !== this.epoch) return 'epoch';
    return head.seq > this.seq ? 'behind' : undefined;
  }

  loadSnapshot(snapshot: RestaurantSnapshot, now: number = Date.now()): void {
    if (this.epoch !== undefined && this.epoch !== snapshot.epoch) this.finished.clear();
    this.epoch = snapshot.epoch;
    this.seq = snapshot.seq;
    const open = new Map(snapshot.orders.map((order) => [order.id, order]));
    snapshot.orders.forEach((order, i) => {
      if (!this.createdRank.has(order.id)) this.createdRank.set(order.id, snapshot.seq - snapshot.orders.length + i);
    });
    // Orders we held as open that the snapshot no longer lists finished while we were away.
    for (const [id, order] of this.orders) {
      if (!open.has(id) && !this.finished.has(id)) this.finished.set(id, { order, finishedAt: now });
    }
    this.orders.clear();
    for (const [id, order] of open) {
      this.orders.set(id, order);
      // Recalled while we were away: open again.
      this.finished.delete(id);
    }
    this.pruneFinished(now);
  }

  /** Applies one message of this restaurant's stream. */
  apply(message: BatchMessage, now: number = Date.now()): ApplyResult {
    const data = message.data;
    if (this.epoch !== undefined && data.epoch !== this.epoch) return 'epoch';
    if (data.seq <= this.seq) return 'duplicate';
    if (data.seq !== this.seq + 1) return 'hole';
    this.seq = data.seq;
    if (message.event === 'restaurant_order_received') {
      this.orders.set(message.data.order.id, message.data.order);
      this.createdRank.set(message.data.order.id, data.seq);
      return 'applied';
    }
    const update = message.data;
    const known = this.orders.get(update.orderId) ?? this.finished.get(update.orderId)?.order;
    // A recall carries the order it leaves (an extension): a board that no longer holds an order
    // recalled out of Delivered or Cancelled (joined later, or pruned) puts it back from there.
    const base = known ?? (update.recalled ? update.order : undefined);
    if (!base) return 'applied';
    const order = changeStatus(base, { to: update.newStatus, version: update.version, timestamp: update.timestamp });
    if (isTerminal(order.status)) {
      this.orders.delete(order.id);
      this.finished.set(order.id, { order, finishedAt: Date.parse(update.timestamp) || now });
    } else {
      // A recall can bring a finished order back onto the board.
      this.finished.delete(order.id);
      this.orders.set(order.id, order);
    }
    return 'applied';
  }

  pruneFinished(now: number = Date.now()): void {
    for (const [id, { finishedAt }] of this.finished) {
      if (now - finishedAt <= RECALL_MS) continue;
      this.finished.delete(id);
      this.createdRank.delete(id);
    }
  }

  /** Open orders, oldest first; made in the same millisecond, in creation (seq) order. */
  openOrders(): Order[] {
    const rank = (order: Order) => this.createdRank.get(order.id) ?? Number.MAX_SAFE_INTEGER;
    return [...this.orders.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || rank(a) - rank(b) || a.id.localeCompare(b.id));
  }
}
