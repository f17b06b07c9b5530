import type { OrderChanged, OrderCreated } from '../protocol/order-commands.js';
import type { AdvanceBody, CancelBody, CreateOrderBody, RecallBody } from '../protocol/schemas.js';

/**
 * The order commands, the same over HTTP (`HttpClient`, one-shot CLI commands) and over the
 * socket (`RtcClient`, the board and the drill). Refusals are thrown as the server's `RtcError`
 * (CONFLICT when `expect` no longer holds, FORBIDDEN, NOT_FOUND, BAD_REQUEST, RATE_LIMITED, UNREACHABLE).
 */
export interface OrderCommands {
  /** Places an order; `customerName` defaults to the customer's username (staff: "Walk-in"). */
  createOrder(body: CreateOrderBody): Promise<OrderCreated>;
  /** Moves an order one step on (or to `to`); with `expect`, only if it is still in that status. */
  advance(orderId: string, body?: AdvanceBody): Promise<OrderChanged>;
  /** Cancels an order, with an optional reason; with `expect`, only if it is still in that status. */
  cancel(orderId: string, body?: CancelBody): Promise<OrderChanged>;
  /**
   * Undoes the order's last status change not yet recalled, within the server's recall window; with
   * `expect`, only if it is still in that status. INVALID_TRANSITION says why not (nothing to recall,
   * window passed).
   */
  recall(orderId: string, body?: RecallBody): Promise<OrderChanged>;
}
