import { EventEmitter } from 'node:events';
import { initialConnectionState, type ConnectionState } from '../../src/client/connection-state.js';
import { RestaurantBoard } from '../../src/client/restaurant-board.js';
import type { RtcClientEvents } from '../../src/client/rtc-client.js';
import { RtcError } from '../../src/protocol/errors.js';
import type { StatusUpdatedPayload } from '../../src/protocol/events.js';
import type { Order, OrderEvent, OrderItem } from '../../src/protocol/model.js';
import type { Status } from '../../src/protocol/status.js';

export const EPOCH = 'test-epoch';

export function makeOrder(id: string, createdAt: number, options: { status?: Status; items?: OrderItem[]; customer?: string; note?: string } = {}): Order {
  const iso = new Date(createdAt).toISOString();
  return {
    id,
    restaurantId: 'r1',
    customerId: null,
    customerName: options.customer ?? `Guest ${id}`,
    items: options.items ?? [{ name: 'Burger', qty: 2 }],
    ...(options.note !== undefined ? { note: options.note } : {}),
    amount: 10,
    status: options.status ?? 'Pending',
    version: 1,
    createdAt: iso,
    updatedAt: iso,
  };
}

/** A board as the client builds it: a snapshot, then events applied in seq order. */
export function boardWith(orders: Order[]): RestaurantBoard {
  const board = new RestaurantBoard('r1');
  board.loadSnapshot({ room: 'restaurant_r1', epoch: EPOCH, seq: orders.length, orders });
  return board;
}

export interface Request {
  kind: 'advance' | 'cancel' | 'recall';
  orderId: string;
  options: Record<string, unknown>;
}

/**
 * The board's side of the client, without a network: it emits what RtcClient emits and records the
 * requests the screen makes. `refuse` makes the next request fail as the server would.
 */
export class FakeLink extends EventEmitter<RtcClientEvents> {
  state: ConnectionState = { ...initialConnectionState(), status: 'connected', rttMs: 3 };
  readonly requests: Request[] = [];
  refusal: RtcError | undefined;
  /** The server's time: what the fake stamps its events with (the test moves it with the board's clock). */
  serverClock: () => number = Date.now;
  /** What the client exposes of its clock and ears; tests set them. */
  clockOffsetMs: number | undefined;
  lastServerContactAt: number | undefined;
  silenceAllowedMs: number | undefined;
  /** Answers for GET /api/orders/:id, by order id; unset means the fake has no HTTP client. */
  histories: Map<string, OrderEvent[]> | undefined;

  constructor(private readonly board: RestaurantBoard) {
    super();
  }

  setState(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('state', this.state);
  }

  /** Applies a status change to the board the way the server's event would, and tells the screen. */
  move(orderId: string, to: Status, options: { recalled?: boolean; actor?: string } = {}): void {
    const order = this.board.orders.get(orderId) ?? this.board.finished.get(orderId)!.order;
    const data: StatusUpdatedPayload = {
      orderId,
      restaurantId: 'r1',
      from: order.status,
      newStatus: to,
      version: order.version + 1,
      seq: this.board.seq + 1,
      epoch: EPOCH,
      timestamp: new Date(this.serverClock()).toISOString(),
      reason: null,
      actor: options.actor ?? 'u',
      ...(options.recalled ? { recalled: true } : {}),
    };
    this.board.apply({ event: 'order_status_updated', data });
    this.emit('event', { event: 'order_status_updated', data });
    this.emit('board', this.board);
  }

  add(order: Order): void {
    this.board.apply({ event: 'restaurant_order_received', data: { order, seq: this.board.seq + 1, epoch: EPOCH, timestamp: order.createdAt } });
    this.emit('board', this.board);
  }

  private answer(kind: Request['kind'], orderId: string, options: Record<string, unknown>) {
    this.requests.push({ kind, orderId, options });
    const refusal = this.refusal;
    this.refusal = undefined;
    return refusal ? Promise.reject(refusal) : Promise.resolve({} as never);
  }

  advance = (orderId: string, options: Record<string, unknown> = {}) => this.answer('advance', orderId, options);
  cancel = (orderId: string, options: Record<string, unknown> = {}) => this.answer('cancel', orderId, options);
  recall = (orderId: string, options: Record<string, unknown> = {}) => this.answer('recall', orderId, options);
  get orderHistory() {
    const histories = this.histories;
    if (!histories) return undefined;
    return (orderId: string) => {
      const order = this.board.orders.get(orderId) ?? this.board.finished.get(orderId)?.order;
      return order ? Promise.resolve({ order, events: histories.get(orderId) ?? [] }) : Promise.reject(new RtcError('NOT_FOUND', `no order ${orderId}`));
    };
  }
}

/** Makes an ink-testing-library stdout a terminal of this size, and tells Ink and the UI it changed. */
export function resize(stdout: NodeJS.EventEmitter & object, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
  stdout.emit('resize');
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
  backspace: '\u007F',
  home: '\u001B[H',
  end: '\u001B[F',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
} as const;
