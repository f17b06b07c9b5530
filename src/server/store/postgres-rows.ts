import type { Order, OrderDetails, OrderItem, Role, StoredEvent } from '../../protocol/model.js';
import type { Status } from '../../protocol/status.js';
import type { UserRecord } from './store.js';

export interface OrderRow {
  id: string;
  restaurant_id: string;
  customer_id: string | null;
  customer_name: string;
  items: OrderItem[];
  amount: number;
  status: Status;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  restaurant_id: string;
  seq: number;
  order_id: string;
  version: number;
  type: 'OrderCreated' | 'OrderStatusChanged';
  from_status: Status | null;
  to_status: Status;
  actor: string;
  reason: string | null;
  timestamp: Date;
  details: OrderDetails | null;
}

export interface UserRow {
  id: string;
  username: string;
  role: Role;
  restaurant_id: string | null;
  password_hash: string;
  salt: string;
}

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    restaurantId: row.restaurant_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    items: row.items,
    amount: row.amount,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

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
    timestamp: row.timestamp.toISOString(),
  };
  if (row.details) event.details = row.details;
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
  };
}
