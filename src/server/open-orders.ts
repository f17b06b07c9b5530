import type { Order } from '../protocol/model.js';
import { isTerminal } from '../protocol/status.js';
import type { Store } from './store/store.js';

/**
 * The open orders as this process last wrote or read them, by order id: the order service decides a
 * command on this copy instead of a SELECT and a JSON.parse of its items per command.
 *
 * A hint, never the truth: the store's transaction writes only if the order's version is still the
 * one decided on, and otherwise reads the order and decides again (see Store.transition's `known`).
 * So a copy made stale by another node on a shared PostgreSQL costs one extra read, not a wrong
 * event. Closed orders are dropped (a command on one is rare and reads the store); an order closed by
 * another node stays here until a command on it finds out.
 */
export class OpenOrders {
  private readonly byId = new Map<string, Order>();

  /** Loads every open order of the store (one query at start). */
  static async load(store: Store): Promise<OpenOrders> {
    const open = new OpenOrders();
    for (const order of await store.listOrders({ openOnly: true })) open.remember(order);
    return open;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The order as last seen, if it was open then; undefined: ask the store. */
  get(orderId: string): Order | undefined {
    return this.byId.get(orderId);
  }

  /** Keeps the order as a committed event left it; forgets it once closed. */
  remember(order: Order): void {
    if (isTerminal(order.status)) this.byId.delete(order.id);
    else this.byId.set(order.id, order);
  }
}
