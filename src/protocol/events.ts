import type { Deflated } from './deflated.js';
import type { ErrorBody } from './errors.js';
import type { Order } from './model.js';
import type { OrderChanged, OrderCreated } from './order-commands.js';
import type { Status } from './status.js';
import type { z } from 'zod';
import type {
  createOrderBody,
  joinOrderPayload,
  joinRestaurantPayload,
  leaveOrderPayload,
  leaveRestaurantPayload,
  orderAdvancePayload,
  orderCancelPayload,
} from './schemas.js';

export interface OrderReceivedPayload {
  order: Order;
  seq: number;
  epoch: string;
  timestamp: string;
  replay?: true;
}

export interface StatusUpdatedPayload {
  orderId: string;
  restaurantId: string;
  from: Status | null;
  newStatus: Status;
  version: number;
  seq: number;
  epoch: string;
  timestamp: string;
  reason: string | null;
  actor: string;
  /** True when this change undoes the order's last one (OrderStatusRecalled). */
  recalled?: boolean;
  replay?: true;
}

export interface StreamHeadPayload {
  restaurantId: string;
  seq: number;
  epoch: string;
  /** The server's clock, ms since the Unix epoch, so a client can correct its own. */
  serverTime?: number;
}

export interface SystemStats {
  connections: number;
  rooms: number;
  eventsPerSecond: number;
  laggingSockets: number;
  memory: { rss: number; heapUsed: number };
  uptimeSeconds: number;
  openOrdersByRestaurant: Record<string, number>;
  node: string;
}

/** Business events: what the router sends to rooms and what batch_update may carry. */
export interface BusinessEvents {
  restaurant_order_received: OrderReceivedPayload;
  order_status_updated: StatusUpdatedPayload;
}
export type BusinessEventName = keyof BusinessEvents;

export type BatchMessage = {
  [K in keyof BusinessEvents]: { event: K; data: BusinessEvents[K] };
}[keyof BusinessEvents];

export interface ServerToClientEvents {
  restaurant_order_received: (payload: OrderReceivedPayload) => void;
  order_status_updated: (payload: StatusUpdatedPayload) => void;
  stream_head: (payload: StreamHeadPayload) => void;
  system_stats_changed: (payload: SystemStats) => void;
  /** `Deflated` only for clients that asked for it (auth.features.deflate). */
  batch_update: (payload: { messages: BatchMessage[] } | Deflated) => void;
  rate_limit_exceeded: (payload: { event: string; retryAfter: number }) => void;
  room_joined: (payload: { room: string }) => void;
  access_denied: (payload: { room: string; reason: string }) => void;
  /** Just before the server closes a socket whose session ended: `reason` (contract), `message` (what to do). */
  session_expired: (payload: { reason: string; message: string }) => void;
}

export const SERVER_TO_CLIENT_EVENTS = [
  'restaurant_order_received',
  'order_status_updated',
  'stream_head',
  'system_stats_changed',
  'batch_update',
  'rate_limit_exceeded',
  'room_joined',
  'access_denied',
  'session_expired',
] as const satisfies readonly (keyof ServerToClientEvents)[];

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody } | Deflated;

export interface RestaurantSnapshot {
  room: string;
  epoch: string;
  seq: number;
  orders: Order[];
  /** The server's clock at the join, ms since the Unix epoch. */
  serverTime?: number;
}
export interface OrderSnapshot {
  room: string;
  epoch: string;
  order: Order;
}

type Handler<P, R> = (payload: P, ack: (answer: Ack<R>) => void) => void;

export interface ClientToServerEvents {
  join_restaurant_room: Handler<z.input<typeof joinRestaurantPayload>, RestaurantSnapshot>;
  leave_restaurant_room: Handler<z.input<typeof leaveRestaurantPayload>, { room: string }>;
  join_order_room: Handler<z.input<typeof joinOrderPayload>, OrderSnapshot>;
  leave_order_room: Handler<z.input<typeof leaveOrderPayload>, { room: string }>;
  join_admin_room: Handler<Record<string, never>, { room: string }>;
  order_create: Handler<z.input<typeof createOrderBody>, OrderCreated>;
  order_advance: Handler<z.input<typeof orderAdvancePayload>, OrderChanged>;
  order_cancel: Handler<z.input<typeof orderCancelPayload>, OrderChanged>;
  /** Undoes the order's last status change within the recall window (contract section 4). */
  order_recall: Handler<{ orderId: string; expect?: Status | undefined }, OrderChanged>;
  /** Hands the socket a new access token of the same user; the socket's session then ends when that token does. */
  session_refresh: Handler<{ token: string }, { expiresAt: number }>;
  /** Not in the contract: a heartbeat that measures round-trip time and finds a dead link sooner than engine.io's ping. */
  ping: Handler<Record<string, never>, { time: number }>;
}

export const CLIENT_TO_SERVER_EVENTS = [
  'join_restaurant_room',
  'leave_restaurant_room',
  'join_order_room',
  'leave_order_room',
  'join_admin_room',
  'order_create',
  'order_advance',
  'order_cancel',
  'session_refresh',
  'ping',
] as const satisfies readonly (keyof ClientToServerEvents)[];

/** The successful answer to a client-to-server event, as its acknowledgement carries it. */
export type AnswerOf<E extends keyof ClientToServerEvents> = Exclude<
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0],
  { ok: false } | Deflated
>;

/** What each socket carries after the handshake. */
export interface SocketData {
  user: import('./model.js').User;
  tokenExpiresAt: number;
}
