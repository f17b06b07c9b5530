import type { EventDraft } from '../../../domain/order-events.js';
import type { EventType, Order, OrderDetails, OrderItem, Role, StoredEvent } from '../../../protocol/model.js';
import type { Status } from '../../../protocol/status.js';
import type { UserRecord } from '../store.js';

/**
 * The rows of both SQL stores. JSON columns come back as text from SQLite and parsed from
 * PostgreSQL's JSONB; times as ISO 8601 text from SQLite and as Date from TIMESTAMPTZ.
 */
type Json<T> = string | T;
type Time = string | Date;

export interface OrderRow {
  id: string;
  restaurant_id: string;
  customer_id: string | null;
  customer_name: string;
  items: Json<OrderItem[]>;
  amount: number;
  status: Status;
  version: number;
  created_at: Time;
  updated_at: Time;
}

export interface EventRow {
  restaurant_id: string;
  seq: number;
  order_id: string;
  version: number;
  type: EventType;
  from_status: Status | null;
  to_status: Status;
  actor: string;
  reason: string | null;
  timestamp: Time;
  details: Json<OrderDetails> | null;
}

export interface UserRow {
  id: string;
  username: string;
  role: Role;
  restaurant_id: string | null;
  password_hash: string;
  salt: string;
  /** Absent in a row read before migration 2 ran; never in practice. */
  disabled?: number;
  token_gen?: number;
}

const parsed = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const iso = (value: Time): string => (typeof value === 'string' ? value : value.toISOString());

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    restaurantId: row.restaurant_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    items: parsed(row.items),
    amount: row.amount,
    status: row.status,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** An event row as the contract shows it; the epoch is the store's, not the row's. */
export function toEvent(row: EventRow, epoch: string): StoredEvent {
  const event: StoredEvent = {
    seq: row.seq,
    epoch,
    orderId: row.order_id,
    restaurantId: row.restaurant_id,
    version: row.version,
    type: row.type,
    from: row.from_status,
    to: row.to_status,
    actor: row.actor,
    reason: row.reason,
    timestamp: iso(row.timestamp),
  };
  if (row.details) event.details = parsed(row.details);
  return event;
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    restaurantId: row.restaurant_id,
    passwordHash: row.password_hash,
    salt: row.salt,
    disabled: Boolean(row.disabled),
    tokenGen: Number(row.token_gen ?? 0),
  };
}

/** The parameters of INSERT_ORDER, in its column order. JSON goes as text: SQLite stores it, PostgreSQL casts it to JSONB. */
export function orderParams(order: Order): unknown[] {
  return [
    order.id,
    order.restaurantId,
    order.customerId,
    order.customerName,
    JSON.stringify(order.items),
    order.amount,
    order.status,
    order.version,
    order.createdAt,
    order.updatedAt,
  ];
}

/** The parameters of INSERT_EVENT, in its column order, for the event numbered `seq`. */
export function eventParams(event: EventDraft, seq: number): unknown[] {
  return [
    event.restaurantId,
    seq,
    event.orderId,
    event.version,
    event.type,
    event.from,
    event.to,
    event.actor,
    event.reason,
    event.timestamp,
    event.details ? JSON.stringify(event.details) : null,
  ];
}

/** `{key: n}` from count rows, e.g. open orders per restaurant. */
export function countsBy<K extends string>(rows: readonly ({ [key in K]: string } & { n: number })[], key: K): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row[key], row.n]));
}
