import type { Order, StoredEvent } from '../protocol/model.js';
import type { Status } from '../protocol/status.js';

/** What every event after OrderCreated does to an order: a new status at a new version, at an ISO 8601 time. */
export interface StatusChange {
  to: Status;
  version: number;
  timestamp: string;
}

/**
 * The order after `change`: the one place that moves an order's status, version and updatedAt, for the
 * fold, the stores (through the drafts of order-events.ts) and the client's models alike. It checks
 * nothing: callers that know the order's history (applyEvent) check the version first.
 */
export function changeStatus(order: Order, change: StatusChange): Order {
  return { ...order, status: change.to, version: change.version, updatedAt: change.timestamp };
}

/**
 * Applies one event to the order it belongs to. Any event type but OrderCreated is a status change,
 * so a new one needs no case here. Throws a plain Error on events of another order or out of version
 * order: a bug in the caller, not a user's mistake. Reads neither seq nor epoch, so a store's draft
 * (not numbered yet) folds as it is.
 */
export function applyEvent(order: Order | undefined, event: Omit<StoredEvent, 'seq' | 'epoch'>): Order {
  if (event.type === 'OrderCreated') {
    if (order) throw new Error(`order ${event.orderId} created twice`);
    if (!event.details) throw new Error(`OrderCreated ${event.orderId} has no details`);
    return {
      id: event.orderId,
      restaurantId: event.restaurantId,
      customerId: event.details.customerId,
      customerName: event.details.customerName,
      items: event.details.items.map((item) => (item.mods ? { ...item, mods: [...item.mods] } : { ...item })),
      ...(event.details.note !== undefined ? { note: event.details.note } : {}),
      amount: event.details.amount,
      status: event.to,
      version: event.version,
      createdAt: event.timestamp,
      updatedAt: event.timestamp,
    };
  }
  if (!order) throw new Error(`order ${event.orderId} changed before it was created`);
  if (event.version !== order.version + 1) {
    throw new Error(`order ${order.id}: event version ${event.version} does not follow ${order.version}`);
  }
  return changeStatus(order, event);
}

/** An order's state is the fold of its events. */
export function foldOrder(events: readonly StoredEvent[]): Order | undefined {
  let order: Order | undefined;
  for (const event of events) order = applyEvent(order, event);
  return order;
}

/** Folds a mixed log into every order it mentions. */
export function foldOrders(events: readonly StoredEvent[]): Map<string, Order> {
  const orders = new Map<string, Order>();
  for (const event of events) orders.set(event.orderId, applyEvent(orders.get(event.orderId), event));
  return orders;
}
