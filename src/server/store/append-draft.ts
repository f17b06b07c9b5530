import type { Order, StoredEvent } from '../../protocol/model.js';
import type { Appended, NewOrder, TransitionDecision } from './store.js';

/** An event before the store has numbered it: every field but its place in the stream. */
export type EventDraft = Omit<StoredEvent, 'seq' | 'epoch'>;

export interface AppendDraft {
  order: Order;
  event: EventDraft;
}

/**
 * What an append writes, decided once for every store: the event and the order as that event leaves
 * it. A store only numbers the event (its restaurant's next seq) and writes both in one transaction.
 */
export function creationDraft(id: string, order: NewOrder, timestamp: string): AppendDraft {
  const details = { customerId: order.customerId, customerName: order.customerName, items: order.items, amount: order.amount };
  return {
    order: { id, restaurantId: order.restaurantId, ...details, status: 'Pending', version: 1, createdAt: timestamp, updatedAt: timestamp },
    event: {
      orderId: id,
      restaurantId: order.restaurantId,
      version: 1,
      type: 'OrderCreated',
      from: null,
      to: 'Pending',
      actor: order.actor,
      reason: null,
      timestamp,
      details,
    },
  };
}

export function transitionDraft(current: Order, decision: TransitionDecision, actor: string, timestamp: string): AppendDraft {
  const version = current.version + 1;
  return {
    order: { ...current, status: decision.to, version, updatedAt: timestamp },
    event: {
      orderId: current.id,
      restaurantId: current.restaurantId,
      version,
      type: 'OrderStatusChanged',
      from: current.status,
      to: decision.to,
      actor,
      reason: decision.reason,
      timestamp,
    },
  };
}

export function numbered(draft: AppendDraft, seq: number, epoch: string): Appended {
  return { order: draft.order, event: { ...draft.event, seq, epoch } };
}
