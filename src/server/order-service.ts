import {
  canAdvanceOrder,
  canCancelOrder,
  canCreateOrder,
  canJoinRestaurant,
  canRecallOrder,
  canSeeOrder,
  type Verdict,
} from '../domain/access.js';
import { DEFAULT_RECALL_WINDOW_MS, decideRecall } from '../domain/recall.js';
import { decideTransition } from '../domain/transitions.js';
import { RtcError } from '../protocol/errors.js';
import { publicEvent, type Order, type OrderEvent, type User } from '../protocol/model.js';
import type { CreateOrderBody } from '../protocol/schemas.js';
import type { Status } from '../protocol/status.js';
import type { Metrics } from './metrics.js';
import { OpenOrders } from './open-orders.js';
import type { Appended, Store } from './store/store.js';

/** Told of every appended event, after its transaction committed: this is where "persist, then publish" is kept. */
export type AppendListener = (appended: Appended) => void;

function assertAllowed(verdict: Verdict): void {
  if (!verdict.allowed) throw RtcError.forbidden(verdict.reason);
}

export interface OrderServiceOptions {
  /** How long after a status change it may be recalled (ms); DEFAULT_RECALL_WINDOW_MS (15 min) by default. */
  recallWindowMs?: number | undefined;
  /**
   * The open orders to decide commands on (OpenOrders.load at start); without it the copy starts
   * empty and fills as commands commit, and a miss reads the order in the store's transaction.
   */
  open?: OpenOrders | undefined;
  /** Open orders a customer may have at once, over every restaurant; DEFAULT_CUSTOMER_OPEN_ORDERS by default. */
  customerOpenOrders?: number | undefined;
}

/**
 * Twenty open orders per customer: far more than a person waits for at once, and it bounds what one
 * customer account can put on kitchen boards (an attacker's 230 large orders made every board of a
 * restaurant fail to load: the snapshot outgrew the send cap).
 */
export const DEFAULT_CUSTOMER_OPEN_ORDERS = 20;

/** The order moved between reading its history and the recall's transaction: decide again. */
class MovedMeanwhile extends Error {}

/** Decisions of a recall made again when the order keeps moving under it, before answering CONFLICT. */
const RECALL_ATTEMPTS = 3;

/** The one place that holds the order rules; HTTP and Socket.IO handlers only translate to and from it. */
export class OrderService {
  private readonly listeners: AppendListener[] = [];

  readonly recallWindowMs: number;

  constructor(
    private readonly store: Store,
    private readonly metrics?: Metrics,
    options: OrderServiceOptions = {},
  ) {
    this.recallWindowMs = options.recallWindowMs ?? DEFAULT_RECALL_WINDOW_MS;
    this.open = options.open ?? new OpenOrders();
    this.customerOpenOrders = options.customerOpenOrders ?? DEFAULT_CUSTOMER_OPEN_ORDERS;
  }

  private readonly customerOpenOrders: number;

  private readonly open: OpenOrders;

  /** The store's epoch: a client that sees it change knows its seqs and versions no longer apply. */
  get epoch(): string {
    return this.store.epoch;
  }

  onAppended(listener: AppendListener): void {
    this.listeners.push(listener);
  }

  private published(appended: Appended): Appended {
    this.open.remember(appended.order);
    this.metrics?.eventsAppended.inc({ type: appended.event.type });
    for (const listener of this.listeners) listener(appended);
    return appended;
  }

  private async visibleOrder(user: User, orderId: string): Promise<Order> {
    const order = await this.store.getOrder(orderId);
    if (!order) throw RtcError.notFound('order', orderId, { hint: 'check the id with rtc order list' });
    assertAllowed(canSeeOrder(user, order));
    return order;
  }

  async create(user: User, body: CreateOrderBody): Promise<{ order: Order }> {
    assertAllowed(canCreateOrder(user, body.restaurantId));
    if (!(await this.store.getRestaurant(body.restaurantId))) throw RtcError.notFound('restaurant', body.restaurantId);
    const isCustomer = user.role === 'customer';
    if (isCustomer) await this.assertCustomerMayOrder(user);
    const { order } = this.published(
      await this.store.createOrder({
        restaurantId: body.restaurantId,
        customerId: isCustomer ? user.id : null,
        customerName: body.customerName ?? (isCustomer ? user.username : 'Walk-in'),
        items: body.items,
        amount: body.amount,
        ...(body.note !== undefined ? { note: body.note } : {}),
        actor: user.id,
      }),
    );
    return { order };
  }

  /** @throws RtcError FORBIDDEN when the customer already has `customerOpenOrders` open orders. */
  private async assertCustomerMayOrder(user: User): Promise<void> {
    const open = await this.store.listOrders({ customerId: user.id, openOnly: true });
    if (open.length < this.customerOpenOrders) return;
    throw RtcError.forbidden(`a customer may have at most ${this.customerOpenOrders} open orders at once, and ${user.username} has ${open.length}`, {
      hint: 'wait until one is delivered or cancelled',
    });
  }

  async advance(user: User, orderId: string, request: { to?: Status | undefined; expect?: Status | undefined }) {
    // Checked on the order as the transaction reads it: one read of the order per command, not two.
    return this.change(orderId, user, (order) => {
      assertAllowed(canSeeOrder(user, order));
      assertAllowed(canAdvanceOrder(user, order));
      return { to: decideTransition({ current: order.status, to: request.to, expect: request.expect }), reason: null };
    });
  }

  async cancel(user: User, orderId: string, request: { reason?: string | undefined; expect?: Status | undefined }) {
    return this.change(orderId, user, (order) => {
      assertAllowed(canSeeOrder(user, order));
      assertAllowed(canCancelOrder(user, order));
      return {
        to: decideTransition({ current: order.status, to: 'Cancelled', expect: request.expect }),
        reason: request.reason ?? null,
      };
    });
  }

  /**
   * Undoes the order's last status change not recalled yet (contract section 1): an
   * OrderStatusRecalled event back to that change's `from`. Throws FORBIDDEN (customers, other
   * restaurants), NOT_FOUND, CONFLICT (`expect` does not hold, or the order kept moving meanwhile),
   * INVALID_TRANSITION (nothing to recall, or the recall window after that change has passed).
   */
  async recall(user: User, orderId: string, request: { expect?: Status | undefined }) {
    // The decision needs the order's history, which a store transaction does not read: decide on the
    // history, then append only if the order is still at the version decided on, else decide again.
    for (let attempt = 1; ; attempt++) {
      const order = await this.visibleOrder(user, orderId);
      assertAllowed(canRecallOrder(user, order));
      const events = await this.store.orderEvents(orderId);
      const decided = decideRecall({ events, now: Date.now(), windowMs: this.recallWindowMs, expect: request.expect });
      const version = events[events.length - 1]!.version;
      try {
        return await this.change(orderId, user, (current) => {
          if (current.version !== version) throw new MovedMeanwhile();
          return { to: decided.to, reason: null, recall: true };
        });
      } catch (error) {
        if (!(error instanceof MovedMeanwhile)) throw error;
        if (attempt >= RECALL_ATTEMPTS) throw RtcError.conflict(`order ${orderId} keeps changing: refresh and try again`);
      }
    }
  }

  private async change(orderId: string, user: User, decide: Parameters<Store['transition']>[2]) {
    const { order, event } = this.published(await this.store.transition(orderId, user.id, decide, this.open.get(orderId)));
    return { order, event: publicEvent(event) };
  }

  async get(user: User, orderId: string): Promise<{ order: Order; events: OrderEvent[] }> {
    const order = await this.visibleOrder(user, orderId);
    const events = await this.store.orderEvents(orderId);
    return { order, events: events.map(publicEvent) };
  }

  async list(user: User, query: { restaurantId?: string | undefined; status?: Status | undefined }): Promise<{ orders: Order[] }> {
    if (user.role === 'customer') {
      return { orders: await this.store.listOrders({ ...query, customerId: user.id }) };
    }
    const restaurantId = query.restaurantId ?? (user.role === 'superadmin' ? undefined : (user.restaurantId ?? undefined));
    if (restaurantId !== undefined) {
      // FORBIDDEN first: only those allowed to see a restaurant may learn whether it exists.
      assertAllowed(canJoinRestaurant(user, restaurantId));
      if (!(await this.store.getRestaurant(restaurantId))) throw RtcError.notFound('restaurant', restaurantId);
    }
    return { orders: await this.store.listOrders({ restaurantId, status: query.status }) };
  }

  /** Throws FORBIDDEN if `user` may not watch the restaurant, NOT_FOUND if it does not exist. */
  async assertCanWatchRestaurant(user: User, restaurantId: string): Promise<void> {
    assertAllowed(canJoinRestaurant(user, restaurantId));
    if (!(await this.store.getRestaurant(restaurantId))) throw RtcError.notFound('restaurant', restaurantId);
  }

  /** What a kitchen board starts from: the open orders and the head of the stream, read together. */
  async restaurantSnapshot(user: User, restaurantId: string): Promise<{ seq: number; orders: Order[] }> {
    await this.assertCanWatchRestaurant(user, restaurantId);
    const seq = await this.store.headSeq(restaurantId);
    const orders = await this.store.listOrders({ restaurantId, openOnly: true });
    return { seq, orders };
  }

  async visibleOrderFor(user: User, orderId: string): Promise<Order> {
    return this.visibleOrder(user, orderId);
  }
}
