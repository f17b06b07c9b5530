import type { Order, OrderDetails, StoredEvent } from '../protocol/model.js';
import type { Status } from '../protocol/status.js';
import { applyEvent } from './fold.js';

/** A command to create an order: what it holds and who asks. */
export interface NewOrder extends OrderDetails {
  restaurantId: string;
  actor: string;
}

/** What a caller decides, inside the store's transaction, about the order as it is now. */
export interface TransitionDecision {
  to: Status;
  reason: string | null;
  /** A recall (OrderStatusRecalled) undoes the last change; anything else is an OrderStatusChanged. */
  recall?: boolean | undefined;
}

/** An event before the store has numbered it: every field but its place in the stream. */
export type EventDraft = Omit<StoredEvent, 'seq' | 'epoch'>;

/** A decided event and the order as that event leaves it (always the fold of the event, never written by hand). */
export interface AppendDraft {
  order: Order;
  event: EventDraft;
}

/** An appended event, numbered by the store, and the order as it left it. */
export interface Appended {
  order: Order;
  event: StoredEvent;
}

/** Decides the event and evolves the order in one step, so the two cannot disagree. */
function drafted(current: Order | undefined, event: EventDraft): AppendDraft {
  // seq and epoch are the store's to give; the fold does not read them.
  return { order: applyEvent(current, event), event };
}

/**
 * The OrderCreated event of a new order with id `id`, at `timestamp` (ISO 8601), and the order it
 * creates (Pending, version 1). A store only numbers the event and writes both in one transaction.
 */
export function creationDraft(id: string, order: NewOrder, timestamp: string): AppendDraft {
  const details: OrderDetails = { customerId: order.customerId, customerName: order.customerName, items: order.items, amount: order.amount };
  if (order.note !== undefined) details.note = order.note;
  return drafted(undefined, {
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
  });
}

/**
 * The event that carries out `decision` on `current` (the next version), by `actor` at `timestamp`
 * (ISO 8601), and the order it leaves. The store never looks inside the decision: a new kind of change
 * is a new decision here, not a new code path in each store. Throws only on a bug (see applyEvent).
 */
export function transitionDraft(current: Order, decision: TransitionDecision, actor: string, timestamp: string): AppendDraft {
  return drafted(current, {
    orderId: current.id,
    restaurantId: current.restaurantId,
    version: current.version + 1,
    type: decision.recall ? 'OrderStatusRecalled' : 'OrderStatusChanged',
    from: current.status,
    to: decision.to,
    actor,
    reason: decision.reason,
    timestamp,
  });
}

/**
 * The draft of `decide` on a copy of the order that may be stale (the order service's open orders):
 * undefined when `decide` refuses the copy, so that the store reads the order and decides again. The
 * store's version-checked UPDATE is what tells it whether the copy was current.
 */
export function draftOnCopy(copy: Order, actor: string, decide: (order: Order) => TransitionDecision, timestamp: string): AppendDraft | undefined {
  let decision: TransitionDecision;
  try {
    decision = decide(copy);
  } catch {
    return undefined;
  }
  return transitionDraft(copy, decision, actor, timestamp);
}

/** The draft with its place in the restaurant's stream: `seq` (1, 2, ... without holes) in store `epoch`. */
export function numbered(draft: AppendDraft, seq: number, epoch: string): Appended {
  return { order: draft.order, event: { ...draft.event, seq, epoch } };
}
