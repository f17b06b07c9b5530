import type { Order, StoredEvent } from '../protocol/model.js';

/** Applies one event to the order it belongs to. Events of another order, or out of version order, are a bug in the caller. */
export function applyEvent(order: Order | undefined, event: StoredEvent): Order {
  if (event.type === 'OrderCreated') {
    if (order) throw new Error(`order ${event.orderId} created twice`);
    if (!event.details) throw new Error(`OrderCreated ${event.orderId} has no details`);
    return {
      id: event.orderId,
      restaurantId: event.restaurantId,
      customerId: event.details.customerId,
      customerName: event.details.customerName,
      items: event.details.items.map((item) => ({ ...item })),
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
  return { ...order, status: event.to, version: event.version, updatedAt: event.timestamp };
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
