import type { Status } from './status.js';

export type Role = 'customer' | 'staff' | 'admin' | 'superadmin';
export const ROLES = ['customer', 'staff', 'admin', 'superadmin'] as const satisfies readonly Role[];

export interface User {
  id: string;
  username: string;
  role: Role;
  restaurantId: string | null;
}

export interface OrderItem {
  name: string;
  qty: number;
  /** Modifiers as the kitchen must read them ("no onions", "ALLERGY: peanuts"); at most 10, each 1-60 characters. */
  mods?: string[];
}

export interface Order {
  id: string;
  restaurantId: string;
  customerId: string | null;
  customerName: string;
  items: OrderItem[];
  /** Free text for the whole order, at most 500 characters. */
  note?: string;
  amount: number;
  status: Status;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type EventType = 'OrderCreated' | 'OrderStatusChanged' | 'OrderStatusRecalled';

/** Every event type, for the stores' CHECK constraints and the docs test. */
export const EVENT_TYPES = ['OrderCreated', 'OrderStatusChanged', 'OrderStatusRecalled'] as const satisfies readonly EventType[];

/** An event exactly as the contract shows it (stored, replayed, returned by GET /api/orders/:id). */
export interface OrderEvent {
  seq: number;
  epoch: string;
  orderId: string;
  restaurantId: string;
  version: number;
  type: EventType;
  from: Status | null;
  to: Status;
  actor: string;
  reason: string | null;
  timestamp: string;
}

/** What an order was created with; kept with its OrderCreated event so the order can be folded from the log alone. */
export interface OrderDetails {
  customerId: string | null;
  customerName: string;
  items: OrderItem[];
  amount: number;
  /** The order's note, when it has one. */
  note?: string;
}

export interface StoredEvent extends OrderEvent {
  /** Present on OrderCreated only. */
  details?: OrderDetails;
}

/** The event as the contract shows it outside a creation's snapshot: without `details`. A status change has none: it is answered as it is. */
export function publicEvent(event: StoredEvent): OrderEvent {
  if (!('details' in event)) return event;
  const { details: _details, ...rest } = event;
  return rest;
}
