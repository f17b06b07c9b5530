import type { BatchMessage, RestaurantSnapshot } from '../protocol/events.js';
import type { Order } from '../protocol/model.js';
import { isTerminal } from '../protocol/status.js';

export type ApplyResult = 'applied' | 'duplicate' | 'hole' | 'epoch';

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
export class RestaurantBoard {
  epoch: string | undefined;
  seq = 0;
  readonly orders = new Map<string, Order>();
  readonly finished = new Map<string, FinishedOrder>();
  /**
   * Creation order, for tickets made in the same millisecond: the seq of an order's OrderCreated when
   * this board saw it, else (from a snapshot) a rank below the snapshot's seq in the snapshot's order.
   */
  private readonly createdRank = new Map<string, number>();

  constructor(readonly restaurantId: string) {}

  get hasState(): boolean {
    return this.epoch !== undefined;
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
    if (!known) return 'applied';
    const order: Order = { ...known, status: update.newStatus, version: update.version, updatedAt: update.timestamp };
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
