import type { ConnectionState } from '../client/connection-state.js';
import type { RtcClient, RtcClientEvents } from '../client/rtc-client.js';
import type { Order, OrderEvent } from '../protocol/model.js';

type Listener<K extends keyof RtcClientEvents> = (...args: RtcClientEvents[K]) => void;

/**
 * How the client's clock and ears stand, when it says (each field optional: a client that does not
 * expose one leaves it out, and the board falls back to its own clock and to the connection state).
 */
export interface LinkTiming {
  /** The server's clock minus ours, in ms, from the latest `serverTime` (join ack, stream_head). */
  readonly clockOffsetMs?: number | undefined;
  /** When the server was last heard from (any packet, an ack included), ms since the epoch on our clock. */
  readonly lastServerContactAt?: number | undefined;
  /** Silence the heartbeat allows before the link counts as dead, in ms (interval plus timeout). */
  readonly silenceAllowedMs?: number | undefined;
}

/** What the order and admin views need from the client: its connection state and its events. */
export interface WatchLink extends LinkTiming {
  readonly state: ConnectionState;
  on<K extends keyof RtcClientEvents>(event: K, listener: Listener<K>): unknown;
  off<K extends keyof RtcClientEvents>(event: K, listener: Listener<K>): unknown;
}

/** An order and its events, as `GET /api/orders/:id` answers. */
export interface OrderHistory {
  order: Order;
  events: OrderEvent[];
}

/**
 * What the kitchen board needs besides: the requests a screen makes. RtcClient is one; component
 * tests pass an emitter of their own. `orderHistory` (the HTTP API's `GET /api/orders/:id`) is
 * optional: without it the open ticket shows what the board knows, and says the history is unavailable.
 */
export interface KitchenLink extends WatchLink {
  advance: RtcClient['advance'];
  cancel: RtcClient['cancel'];
  recall: RtcClient['recall'];
  orderHistory?: ((orderId: string) => Promise<OrderHistory>) | undefined;
}
