import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { inflatePayload, type Deflated } from '../protocol/deflated.js';
import { RtcError } from '../protocol/errors.js';
import type {
  AnswerOf,
  BatchMessage,
  ClientToServerEvents,
  ServerToClientEvents,
  StreamHeadPayload,
  SystemStats,
} from '../protocol/events.js';
import type { Order, OrderEvent } from '../protocol/model.js';
import { orderRoom, restaurantRoom } from '../protocol/rooms.js';
import type { Status } from '../protocol/status.js';
import { initialConnectionState, type ConnectionState } from './connection-state.js';
import { untrustedServer } from './http-client.js';
import { OrderTimeline } from './order-timeline.js';
import { RestaurantBoard } from './restaurant-board.js';

export interface RtcClientOptions {
  server: string;
  token: string;
  ca?: string | Buffer | undefined;
  /** How often the heartbeat runs, and how long an answer may take before the link counts as dead. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
  requestTimeoutMs?: number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** Ask for compressed large frames and batched replays (both only understood by this client). */
  compact?: boolean;
}

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
  resync: [{ room: string; reason: 'hole' | 'head' | 'epoch' | 'reconnect' }];
}

type Subscription =
  | { kind: 'restaurant'; room: string; board: RestaurantBoard; joining: boolean; pending: BatchMessage[]; error?: RtcError }
  | { kind: 'order'; room: string; timeline: OrderTimeline; joining: boolean; pending: BatchMessage[]; error?: RtcError }
  | { kind: 'admin'; room: string; joining: boolean; pending: BatchMessage[]; error?: RtcError };

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one client of rtc: the CLI, the terminal UI, the chaos drill and the benchmarks all use it.
 * It keeps a connection state machine, re-joins its rooms with `since` after every reconnect, applies
 * each event once in order, and re-joins when it sees a hole, so its models are always the server's.
 */
export class RtcClient extends EventEmitter<RtcClientEvents> {
  readonly server: string;
  private readonly socket: ClientSocket;
  private readonly options: Required<Omit<RtcClientOptions, 'ca'>> & { ca?: string | Buffer | undefined };
  private readonly subscriptions = new Map<string, Subscription>();
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** When the server last sent anything (an event, a stream head, an engine.io ping), and when we last asked. */
  private lastHeardAt = 0;
  private lastBeatAt = 0;
  private connectionState: ConnectionState = initialConnectionState();
  private sessionExpired = false;
  private closed = false;
  /** Holes and stale heads seen; the drill reports them. */
  resyncs = 0;
  holes = 0;

  constructor(options: RtcClientOptions) {
    super();
    this.options = {
      heartbeatMs: 5000,
      heartbeatTimeoutMs: 4000,
      requestTimeoutMs: 10_000,
      reconnectDelayMs: 250,
      reconnectDelayMaxMs: 5000,
      compact: true,
      ...options,
    };
    this.server = options.server.replace(/\/+$/, '');
    this.socket = io(this.server, {
      autoConnect: false,
      transports: ['websocket'],
      auth: { token: options.token, features: { deflate: this.options.compact, batchReplay: this.options.compact } },
      reconnectionDelay: this.options.reconnectDelayMs,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs,
      ...(options.ca ? { ca: options.ca.toString() } : {}),
    }) as ClientSocket;
    this.wire();
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.connectionState, ...patch };
    if (patch.status && patch.status !== this.connectionState.status) next.since = Date.now();
    this.connectionState = next;
    this.emit('state', next);
  }

  private wire(): void {
    const socket = this.socket;
    const heard = () => (this.lastHeardAt = Date.now());
    socket.onAny(heard);
    socket.io.on('ping', heard);
    socket.on('connect', () => {
      this.setState({ status: 'connected', reason: undefined, attempt: 0 });
      this.startHeartbeat();
      for (const subscription of this.subscriptions.values()) void this.join(subscription, 'reconnect');
    });
    socket.on('disconnect', (reason) => {
      this.stopHeartbeat();
      if (this.closed) return this.setState({ status: 'disconnected', reason: 'closed' });
      if (this.sessionExpired) return this.setState({ status: 'error', reason: 'session expired: run rtc login' });
      if (reason === 'io server disconnect') {
        // The server closed this socket on purpose; try again, it may be a restart or a healed partition.
        this.setState({ status: 'reconnecting', reason: 'server closed the connection', attempt: 1 });
        this.reconnectSoon();
        return;
      }
      this.setState({ status: 'reconnecting', reason: describeDisconnect(reason), attempt: 1 });
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      if (error.data?.code === 'UNAUTHENTICATED') {
        const reason = `${error.data.message ?? 'authentication failed'}`;
        this.setState({ status: 'error', reason });
        this.emit('notice', new RtcError('UNAUTHENTICATED', reason));
        return;
      }
      // engine.io says only "websocket error"; the TLS verdict, if that is what failed, is in description.error.
      const cause = (error as { description?: { error?: NodeJS.ErrnoException } }).description?.error;
      this.setState({
        status: this.connectionState.status === 'connecting' ? 'connecting' : 'reconnecting',
        reason: untrustedServer(this.server, cause)?.message ?? `cannot reach ${this.server} (${error.message})`,
      });
    });
    socket.io.on('reconnect_attempt', (attempt) => this.setState({ status: 'reconnecting', attempt }));

    socket.on('restaurant_order_received', (data) => this.onMessage({ event: 'restaurant_order_received', data }));
    socket.on('order_status_updated', (data) => this.onMessage({ event: 'order_status_updated', data }));
    socket.on('batch_update', (payload) => {
      const { messages } = inflatePayload(payload as { messages: BatchMessage[] } | Deflated);
      for (const message of messages) this.onMessage(message);
    });
    socket.on('stream_head', (head) => this.onStreamHead(head));
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
      this.sessionExpired = true;
      this.emit('event', { event: 'session_expired', data });
      this.emit('notice', new RtcError('UNAUTHENTICATED', data.message));
    });
  }

  /** Connects; resolves once connected, rejects on a refused token or when the server stays unreachable. */
  connect(timeoutMs = 10_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    this.setState({ status: 'connecting' });
    this.socket.connect();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.off('state', onState);
      };
      const onState = (state: ConnectionState) => {
        if (state.status === 'connected') (done(), resolve());
        else if (state.status === 'error') (done(), reject(new RtcError('UNAUTHENTICATED', `${state.reason}: run rtc login`)));
      };
      const timer = setTimeout(() => {
        done();
        reject(new RtcError('UNREACHABLE', `${this.connectionState.reason ?? `cannot reach ${this.server}`}: is rtc serve running?`));
      }, timeoutMs);
      this.on('state', onState);
    });
  }

  /** Starts connecting without waiting: for a UI that shows the connection state as it goes. */
  start(): void {
    if (this.socket.connected || this.socket.active) return;
    this.setState({ status: 'connecting' });
    this.socket.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    this.socket.disconnect();
    this.setState({ status: 'disconnected', reason: 'closed' });
  }

  /** Drops the link and lets reconnection bring it back: what a dead heartbeat does. */
  reconnectNow(reason: string): void {
    this.stopHeartbeat();
    this.socket.disconnect();
    this.setState({ status: 'reconnecting', reason, attempt: 1 });
    this.reconnectSoon();
  }

  /**
   * Connects again after the delay. The timer keeps the process alive on purpose: while it waits
   * there is no socket, and a watcher with nothing else to do (`rtc watch --json`) would just exit.
   */
  private reconnectSoon(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, this.options.reconnectDelayMs);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const beat = async () => {
      const started = Date.now();
      // A link the server spoke on within the interval is alive: asking again costs every watcher's
      // server a request per beat (at one update a minute, most of a quiet server's work). The
      // round-trip time is still measured at least every RTT_REFRESH_MS.
      if (started - this.lastHeardAt < this.options.heartbeatMs && started - this.lastBeatAt < RTT_REFRESH_MS) return;
      this.lastBeatAt = started;
      try {
        await this.socket.timeout(this.options.heartbeatTimeoutMs).emitWithAck('ping', {});
        if (this.socket.connected) this.setState({ rttMs: Date.now() - started });
      } catch {
        if (this.socket.connected && !this.closed) this.reconnectNow(`no heartbeat answer within ${this.options.heartbeatTimeoutMs} ms`);
      }
    };
    this.heartbeat = setInterval(() => void beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
    void beat();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Sends one request and unwraps its acknowledgement; a refusal is thrown as the server's RtcError. */
  async request<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AnswerOf<E>> {
    if (!this.socket.connected) {
      throw new RtcError('UNREACHABLE', `offline (${this.connectionState.reason ?? this.connectionState.status}): try again once connected`);
    }
    let answer: unknown;
    try {
      answer = await (this.socket.timeout(this.options.requestTimeoutMs) as any).emitWithAck(event, payload);
    } catch {
      throw new RtcError('UNREACHABLE', `no answer to ${event} within ${this.options.requestTimeoutMs / 1000} s`);
    }
    const result = inflatePayload(answer as { ok: boolean; error?: unknown } | Deflated) as { ok: boolean; error?: unknown };
    if (!result.ok) throw RtcError.from(result.error);
    return result as AnswerOf<E>;
  }

  createOrder(body: { restaurantId: string; items: { name: string; qty: number }[]; amount: number; customerName?: string }): Promise<{ order: Order }> {
    return this.request('order_create', body);
  }

  advance(orderId: string, options: { to?: Status | undefined; expect?: Status | undefined } = {}): Promise<{ order: Order; event: OrderEvent }> {
    return this.request('order_advance', { orderId, ...options });
  }

  cancel(orderId: string, options: { reason?: string | undefined; expect?: Status | undefined } = {}): Promise<{ order: Order; event: OrderEvent }> {
    return this.request('order_cancel', { orderId, ...options });
  }

  /** Undoes the order's last status change (within the server's recall window); `expect` is the status it must be in now. */
  recall(orderId: string, options: { expect?: Status | undefined } = {}): Promise<{ order: Order; event: OrderEvent }> {
    return this.request('order_recall', { orderId, ...options });
  }

  /** Keeps a live model of a restaurant's open orders, joined now and after every reconnect. */
  watchRestaurant(restaurantId: string): RestaurantBoard {
    const room = restaurantRoom(restaurantId);
    const existing = this.subscriptions.get(room);
    if (existing?.kind === 'restaurant') return existing.board;
    const subscription: Subscription = { kind: 'restaurant', room, board: new RestaurantBoard(restaurantId), joining: false, pending: [] };
    this.subscriptions.set(room, subscription);
    if (this.socket.connected) void this.join(subscription, 'reconnect');
    return subscription.board;
  }

  watchOrder(orderId: string): OrderTimeline {
    const room = orderRoom(orderId);
    const existing = this.subscriptions.get(room);
    if (existing?.kind === 'order') return existing.timeline;
    const subscription: Subscription = { kind: 'order', room, timeline: new OrderTimeline(orderId), joining: false, pending: [] };
    this.subscriptions.set(room, subscription);
    if (this.socket.connected) void this.join(subscription, 'reconnect');
    return subscription.timeline;
  }

  watchAdmin(): void {
    const room = 'admin_global';
    if (this.subscriptions.has(room)) return;
    const subscription: Subscription = { kind: 'admin', room, joining: false, pending: [] };
    this.subscriptions.set(room, subscription);
    if (this.socket.connected) void this.join(subscription, 'reconnect');
  }

  unwatch(room: string): void {
    const subscription = this.subscriptions.get(room);
    if (!subscription) return;
    this.subscriptions.delete(room);
    if (!this.socket.connected) return;
    if (subscription.kind === 'restaurant') void this.request('leave_restaurant_room', { restaurantId: subscription.board.restaurantId }).catch(() => {});
    if (subscription.kind === 'order') void this.request('leave_order_room', { orderId: subscription.timeline.orderId }).catch(() => {});
  }

  /** The error a subscription ended with (forbidden, not found), if any. */
  subscriptionError(room: string): RtcError | undefined {
    return this.subscriptions.get(room)?.error;
  }

  private async join(subscription: Subscription, reason: 'hole' | 'head' | 'epoch' | 'reconnect'): Promise<void> {
    if (subscription.joining || !this.socket.connected) return;
    subscription.joining = true;
    subscription.pending = [];
    if (reason !== 'reconnect') {
      this.resyncs++;
      this.emit('resync', { room: subscription.room, reason });
    }
    try {
      if (subscription.kind === 'restaurant') {
        const board = subscription.board;
        const since = board.hasState ? board.seq : undefined;
        const snapshot = (await this.request('join_restaurant_room', { restaurantId: board.restaurantId, ...(since !== undefined ? { since } : {}) }));
        if (board.epoch !== undefined && snapshot.epoch !== board.epoch) {
          // A new store: nothing we hold is comparable; start again from its snapshot.
          board.orders.clear();
          board.finished.clear();
        }
        board.loadSnapshot(snapshot);
        subscription.joining = false;
        this.drainPending(subscription);
        this.emit('board', board);
      } else if (subscription.kind === 'order') {
        const timeline = subscription.timeline;
        const since = timeline.hasState ? timeline.version : 0;
        const snapshot = (await this.request('join_order_room', { orderId: timeline.orderId, since }));
        timeline.loadSnapshot(snapshot);
        subscription.joining = false;
        this.drainPending(subscription);
        this.emit('timeline', timeline);
      } else {
        await this.request('join_admin_room', {});
        subscription.joining = false;
      }
      subscription.error = undefined;
    } catch (error) {
      subscription.joining = false;
      const rtcError = error instanceof RtcError ? error : new RtcError('INTERNAL', String(error));
      if (rtcError.code === 'FORBIDDEN' || rtcError.code === 'NOT_FOUND' || rtcError.code === 'BAD_REQUEST') {
        subscription.error = rtcError;
        this.emit('notice', rtcError);
        if (subscription.kind === 'restaurant') this.emit('board', subscription.board);
        if (subscription.kind === 'order') this.emit('timeline', subscription.timeline);
        return;
      }
      // Offline, rate limited or slow: try again shortly; a reconnect also re-joins.
      const retry = (rtcError.retryAfter ?? 1) * 1000;
      setTimeout(() => this.subscriptions.get(subscription.room) === subscription && void this.join(subscription, reason), retry).unref();
    }
  }

  private drainPending(subscription: Subscription): void {
    const pending = subscription.pending.sort((a, b) => a.data.seq - b.data.seq);
    subscription.pending = [];
    for (const message of pending) this.deliver(subscription, message);
  }

  private onMessage(message: BatchMessage): void {
    this.emit('event', { event: message.event, data: message.data });
    const restaurantId = message.event === 'restaurant_order_received' ? message.data.order.restaurantId : message.data.restaurantId;
    const targets = [this.subscriptions.get(restaurantRoom(restaurantId))];
    if (message.event === 'order_status_updated') targets.push(this.subscriptions.get(orderRoom(message.data.orderId)));
    for (const subscription of targets) {
      if (!subscription) continue;
      if (subscription.joining && !message.data.replay) subscription.pending.push(message);
      else this.deliver(subscription, message);
    }
  }

  private deliver(subscription: Subscription, message: BatchMessage): void {
    let result;
    if (subscription.kind === 'restaurant') result = subscription.board.apply(message);
    else if (subscription.kind === 'order' && message.event === 'order_status_updated') result = subscription.timeline.apply(message.data);
    else return;
    if (result === 'applied') {
      if (subscription.kind === 'restaurant') this.emit('board', subscription.board);
      else this.emit('timeline', subscription.timeline);
    } else if (result === 'hole') {
      this.holes++;
      void this.join(subscription, 'hole');
    } else if (result === 'epoch') {
      if (subscription.kind === 'restaurant') subscription.board.epoch = undefined;
      void this.join(subscription, 'epoch');
    }
  }

  private onStreamHead(head: StreamHeadPayload): void {
    this.emit('event', { event: 'stream_head', data: head });
    const subscription = this.subscriptions.get(restaurantRoom(head.restaurantId));
    if (subscription?.kind !== 'restaurant' || subscription.joining || !subscription.board.hasState) return;
    const board = subscription.board;
    if (head.epoch !== board.epoch) {
      board.epoch = undefined;
      void this.join(subscription, 'epoch');
    } else if (head.seq > board.seq) {
      this.holes++;
      void this.join(subscription, 'head');
    }
  }
}

/** However busy the link, the heartbeat still measures the round-trip time this often. */
const RTT_REFRESH_MS = 30_000;

function describeDisconnect(reason: string): string {
  switch (reason) {
    case 'transport close':
      return 'connection lost (server stopped or network down)';
    case 'ping timeout':
      return 'server stopped answering';
    case 'transport error':
      return 'connection error';
    default:
      return reason;
  }
}
