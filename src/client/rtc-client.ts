import { EventEmitter } from 'node:events';
import { inflatePayload, type Deflated } from '../protocol/deflated.js';
import { RtcError } from '../protocol/errors.js';
import type { AnswerOf, BatchMessage, ClientToServerEvents, ServerToClientEvents, SystemStats } from '../protocol/events.js';
import type { Order, OrderEvent } from '../protocol/model.js';
import type { OrderChanged, OrderCreated } from '../protocol/order-commands.js';
import { ADMIN_ROOM, orderRoom, restaurantRoom } from '../protocol/rooms.js';
import type { AdvanceBody, CancelBody, CreateOrderBody, RecallBody } from '../protocol/schemas.js';
import { AdminStream } from './admin-stream.js';
import { Connection, type ConnectionOptions } from './connection.js';
import type { ConnectionState } from './connection-state.js';
import { HttpClient } from './http-client.js';
import type { OrderCommands } from './order-commands.js';
import { OrderTimeline } from './order-timeline.js';
import { RestaurantBoard } from './restaurant-board.js';
import { SessionKeeper, type RenewingSession } from './session-keeper.js';
import { Subscriptions, type JoinReason } from './subscriptions.js';

/**
 * Where the server is, the access token, and the connection's timings (see ConnectionOptions).
 * With a `session` (a ProfileSession) the client renews the token before it ends, and after its
 * session really ends waits for a new login instead of staying signed out.
 */
export type RtcClientOptions = ConnectionOptions & { session?: RenewingSession | undefined };

/** A server event as the client saw it, after batch_update was unpacked: what `rtc watch --json` prints. */
export interface ReceivedEvent {
  event: keyof ServerToClientEvents;
  data: unknown;
}

export interface RtcClientEvents {
  state: [ConnectionState];
  event: [ReceivedEvent];
  board: [RestaurantBoard];
  timeline: [OrderTimeline];
  stats: [SystemStats];
  /** Something the user should be told: a refused join, a rate limit, an expired session. */
  notice: [RtcError];
  /** The client found a hole (or a new epoch) and re-joined a room to catch up. */
  resync: [{ room: string; reason: JoinReason }];
  /** With a session: it ended for good ("signed out: run rtc login"), or a new login was picked up and the client reconnects. */
  session: ['signed-out' | 'signed-in'];
}

/**
 * The one client of rtc: the CLI, the terminal UI, the chaos drill and the benchmarks all use it.
 * A facade over a `Connection` (state machine, heartbeat, reconnection) and `Subscriptions` (rooms
 * joined with `since` after every reconnect, each event applied once in order, a re-join on a hole),
 * so that its models are always the server's. Here the server's events are routed to the two.
 */
export class RtcClient extends EventEmitter<RtcClientEvents> implements OrderCommands {
  readonly server: string;
  private readonly connection: Connection;
  private readonly subscriptions: Subscriptions;
  private readonly options: RtcClientOptions;
  private readonly keeper: SessionKeeper | undefined;

  constructor({ session, ...options }: RtcClientOptions) {
    super();
    this.options = options;
    this.connection = new Connection(session ? { ...options, token: session.current } : options);
    this.server = this.connection.server;
    this.subscriptions = new Subscriptions(this.connection);
    this.connection.on('state', (state) => this.emit('state', state));
    this.connection.on('notice', (error) => this.emit('notice', error));
    this.connection.on('connect', () => this.subscriptions.rejoinAll());
    this.subscriptions.on('changed', (model) => {
      if (model instanceof RestaurantBoard) this.emit('board', model);
      else if (model instanceof OrderTimeline) this.emit('timeline', model);
    });
    this.subscriptions.on('resync', (resync) => this.emit('resync', resync));
    this.subscriptions.on('notice', (error) => this.emit('notice', error));
    this.wire();
    this.keeper = session
      ? new SessionKeeper(this.connection, session, {
          notice: (error) => this.emit('notice', error),
          session: (change) => this.emit('session', change),
        })
      : undefined;
  }

  /** Whether a session that ends is waited out (a new login picked up) rather than final. */
  get recovers(): boolean {
    return this.keeper !== undefined;
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  /** The server's clock minus ours (ms), smoothed over every `serverTime` heard; undefined before the first. */
  get clockOffsetMs(): number | undefined {
    return this.connection.clock.offsetMs;
  }

  /** The server's time now (ms since the epoch): what ages and timers should be measured on. */
  serverNow(): number {
    return this.connection.clock.now();
  }

  /** When the server last sent anything (an event, a head, an answer): ms since the epoch on our clock. */
  get lastServerContactAt(): number | undefined {
    return this.connection.lastServerContactAt;
  }

  /** Silence the heartbeat allows before the link counts as dead (ms): a screen silent longer is stale. */
  get silenceAllowedMs(): number {
    return this.connection.silenceAllowedMs;
  }

  /** Re-joins to catch up (not counting reconnects): the drill reports them. */
  get resyncs(): number {
    return this.subscriptions.resyncs;
  }

  /** Holes and stale stream heads seen. */
  get holes(): number {
    return this.subscriptions.holes;
  }

  private wire(): void {
    const socket = this.connection.socket;
    socket.on('restaurant_order_received', (data) => this.onMessage({ event: 'restaurant_order_received', data }));
    socket.on('order_status_updated', (data) => this.onMessage({ event: 'order_status_updated', data }));
    socket.on('batch_update', (payload) => {
      const { messages } = inflatePayload(payload as { messages: BatchMessage[] } | Deflated);
      for (const message of messages) this.onMessage(message);
    });
    socket.on('stream_head', (head) => {
      this.connection.clock.sample(head.serverTime);
      this.emit('event', { event: 'stream_head', data: head });
      this.subscriptions.head(head);
    });
    socket.on('system_stats_changed', (stats) => {
      this.emit('event', { event: 'system_stats_changed', data: stats });
      this.emit('stats', stats);
    });
    socket.on('rate_limit_exceeded', (data) => {
      this.emit('event', { event: 'rate_limit_exceeded', data });
      this.emit('notice', new RtcError('RATE_LIMITED', `slow down: ${data.event} refused, retry in ${data.retryAfter} s`, { retryAfter: data.retryAfter }));
    });
    socket.on('room_joined', (data) => this.emit('event', { event: 'room_joined', data }));
    socket.on('access_denied', (data) => {
      this.emit('event', { event: 'access_denied', data });
      this.emit('notice', new RtcError('FORBIDDEN', `cannot watch ${data.room}: ${data.reason}`));
    });
    socket.on('session_expired', (data) => {
      this.connection.expireSession(data.message);
      this.emit('event', { event: 'session_expired', data });
      // With a keeper the session may yet be renewed: it says "signed out" itself if not. The server's
      // message already says what to do (log in again, or get a new API key): no hint of our own.
      if (!this.keeper) this.emit('notice', data.message ? RtcError.unauthenticated(data.message, { hint: undefined }) : RtcError.unauthenticated('session expired'));
    });
  }

  private onMessage(message: BatchMessage): void {
    this.emit('event', { event: message.event, data: message.data });
    this.subscriptions.receive(message);
  }

  /** Connects; resolves once connected, rejects on a refused token or when the server stays unreachable. */
  connect(timeoutMs = 10_000): Promise<void> {
    return this.connection.connect(timeoutMs);
  }

  /** Starts connecting without waiting: for a UI that shows the connection state as it goes. */
  start(): void {
    this.connection.start();
  }

  close(): void {
    this.keeper?.stop();
    this.connection.close();
  }

  /** Drops the link and lets reconnection bring it back: what a dead heartbeat does. */
  reconnectNow(reason: string): void {
    this.connection.reconnectNow(reason);
  }

  /** Sends one request and unwraps its acknowledgement; a refusal is thrown as the server's RtcError. */
  request<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AnswerOf<E>> {
    return this.connection.request(event, payload);
  }

  createOrder(body: CreateOrderBody): Promise<OrderCreated> {
    return this.request('order_create', body);
  }

  advance(orderId: string, body: AdvanceBody = {}): Promise<OrderChanged> {
    return this.request('order_advance', { orderId, ...body });
  }

  cancel(orderId: string, body: CancelBody = {}): Promise<OrderChanged> {
    return this.request('order_cancel', { orderId, ...body });
  }

  /** Undoes the order's last status change (within the server's recall window); `expect` is the status it must be in now. */
  recall(orderId: string, body: RecallBody = {}): Promise<OrderChanged> {
    return this.request('order_recall', { orderId, ...body });
  }

  /**
   * An order and its whole history (`GET /api/orders/:id` over HTTP, with this client's server and
   * token): what the board's open ticket shows, actors and recalls included. Throws the server's RtcError.
   */
  orderHistory(orderId: string): Promise<{ order: Order; events: OrderEvent[] }> {
    // The token the socket holds now: a renewing session has moved on from the one it started with.
    const token = this.connection.token || this.options.token;
    return new HttpClient({ server: this.server, token, ca: this.options.ca }).getOrder(orderId);
  }

  /** Keeps a live model of a restaurant's open orders, joined now and after every reconnect. */
  watchRestaurant(restaurantId: string): RestaurantBoard {
    const existing = this.subscriptions.model(restaurantRoom(restaurantId));
    if (existing instanceof RestaurantBoard) return existing;
    return this.subscriptions.add(new RestaurantBoard(restaurantId));
  }

  /** Keeps a live model of one order and the statuses it went through, joined now and after every reconnect. */
  watchOrder(orderId: string): OrderTimeline {
    const existing = this.subscriptions.model(orderRoom(orderId));
    if (existing instanceof OrderTimeline) return existing;
    return this.subscriptions.add(new OrderTimeline(orderId));
  }

  /** Joins the admin room (system stats, as `stats` events), now and after every reconnect. */
  watchAdmin(): void {
    if (this.subscriptions.model(ADMIN_ROOM)) return;
    this.subscriptions.add(new AdminStream());
  }

  /** Stops following a room (a name from `protocol/rooms.ts`) and leaves it on the server. */
  unwatch(room: string): void {
    this.subscriptions.remove(room);
  }

  /** The error a subscription ended with (forbidden, not found), if any. */
  subscriptionError(room: string): RtcError | undefined {
    return this.subscriptions.error(room);
  }
}
