import type { z } from 'zod';
import { isSuperadmin } from '../../domain/access.js';
import { maybeDeflate } from '../../protocol/deflated.js';
import { RtcError, isRtcError, toRtcError } from '../../protocol/errors.js';
import { CLIENT_TO_SERVER_EVENTS, type ClientToServerEvents, type SystemStats } from '../../protocol/events.js';
import { ADMIN_ROOM, orderRoom, restaurantRoom } from '../../protocol/rooms.js';
import {
  createOrderBody,
  describeIssues,
  joinAdminPayload,
  joinOrderPayload,
  joinRestaurantPayload,
  leaveOrderPayload,
  leaveRestaurantPayload,
  orderAdvancePayload,
  orderCancelPayload,
  sessionRefreshPayload,
  orderRecallPayload,
} from '../../protocol/schemas.js';
import { checkPayloadShape } from '../limits/payload-shape.js';
import type { SnapshotGate } from '../limits/snapshot-gate.js';
import type { RequestLimits } from '../limits/request-limits.js';
import { limitSocketRequest } from '../limits/socket-limit.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { OrderService } from '../order-service.js';
import { UNEXPECTED } from '../unexpected.js';
import type { CatchUp } from './catch-up.js';
import type { RtcSocket } from './types.js';
import { storeFault } from '../store/sqlite-faults.js';

export interface HandlerDeps {
  orders: OrderService;
  catchUp: CatchUp;
  log: Logger;
  metrics: Metrics;
  /** The system stats now: a superadmin joining admin_global is sent them at once, not at the next tick. */
  adminStats?: () => Promise<SystemStats>;
  /** Answers false for a request that must be ignored (a chaos partition); it sees the request, as a join can be what is cut off. */
  accepts?: (socket: RtcSocket, event: string, payload: unknown) => boolean;
  /** session_refresh: moves the socket to a new access token of its user; answers when its session now ends. */
  refreshSession: (socket: RtcSocket, token: string) => Promise<{ expiresAt: number }>;
  /** Per-user limits across sockets, HTTP and nodes; none: the per-socket bucket only. */
  limits?: RequestLimits | undefined;
  /** Admits restaurant snapshots one at a time per socket (see SnapshotGate); none: no such check. */
  snapshots?: SnapshotGate | undefined;
}

type Ack = (answer: unknown) => void;
type EventName = keyof ClientToServerEvents;

const KNOWN = new Set<string>(CLIENT_TO_SERVER_EVENTS);

function errorAnswer(error: RtcError) {
  return { ok: false as const, error: error.toBody() };
}

type Listener = (this: RtcSocket, ...args: unknown[]) => void;

/**
 * The client-to-server events: rate limit, size, validation, then the order service. Built once per
 * server; each socket only gets these shared listeners (Socket.IO calls them with the socket as
 * `this`), not a dozen closures of its own: per connection that was 2 KB of an idle watcher's heap.
 * Answers the function that wires one socket.
 */
export function createHandlers(deps: HandlerDeps): (socket: RtcSocket) => void {
  // deps is read at call time: the server hands over some of them (catch-up) after this runs.
  const denied = (socket: RtcSocket, room: string, reason: string): never => {
    socket.emit('access_denied', { room, reason });
    throw RtcError.forbidden(reason);
  };
  /** Runs an access check; a FORBIDDEN from it also tells the socket `access_denied` for the room. */
  const checked = async <T>(socket: RtcSocket, room: string, check: Promise<T>): Promise<T> => {
    try {
      return await check;
    } catch (error) {
      if (isRtcError(error) && error.code === 'FORBIDDEN') denied(socket, room, error.message);
      throw error;
    }
  };
  const joined = (socket: RtcSocket, room: string) => socket.emit('room_joined', { room });

  const limit = (socket: RtcSocket, event: string) => limitSocketRequest(socket, event, deps.limits, deps.metrics);

  const listeners: [EventName, Listener][] = [];

  function on<S extends z.ZodType>(event: EventName, schema: S, run: (socket: RtcSocket, payload: z.infer<S>) => Promise<object>): void {
    listeners.push([
      event,
      async function (this: RtcSocket, ...args: unknown[]) {
        const socket = this;
        const ack: Ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : () => {};
        if (deps.accepts && !deps.accepts(socket, event, args[0])) return;
        try {
          await limit(socket, event);
          const payload = args[0];
          checkPayloadShape(payload);
          const parsed = schema.safeParse(payload ?? {});
          if (!parsed.success) throw RtcError.badRequest(`invalid ${event} payload: ${describeIssues(parsed.error)}`);
          const answer = { ok: true as const, ...(await run(socket, parsed.data)) };
          // Only a restaurant snapshot can be big enough to deflate; sizing every ack would cost a JSON.stringify each.
          ack(socket.data.features.deflate && event === 'join_restaurant_room' ? maybeDeflate(answer) : answer);
        } catch (error) {
          if (!isRtcError(error)) deps.log.error({ err: error, event, user: socket.data.user.id }, 'socket handler failed');
          ack(errorAnswer(storeFault(error) ?? toRtcError(error, UNEXPECTED)));
        }
      },
    ]);
  }

  async function onUnknown(this: RtcSocket, event: string, ...args: unknown[]): Promise<void> {
    if (KNOWN.has(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    try {
      await limit(this, event);
      ack(errorAnswer(RtcError.badRequest(`unknown event "${String(event).slice(0, 64)}"`, { hint: 'see the Socket.IO events in docs/protocol.md' })));
    } catch (error) {
      ack(errorAnswer(toRtcError(error)));
    }
  }

  on('join_restaurant_room', joinRestaurantPayload, async (socket, { restaurantId, since }) => {
    const { catchUp, orders } = deps;
    const user = socket.data.user;
    const room = restaurantRoom(restaurantId);
    await checked(socket, room, orders.assertCanWatchRestaurant(user, restaurantId));
    const admitted = deps.snapshots?.enter(socket);
    try {
      await catchUp.joinFrom(socket, room, since);
      const snapshot = await orders.restaurantSnapshot(user, restaurantId);
      joined(socket, room);
      return { room, epoch: orders.epoch, seq: snapshot.seq, orders: snapshot.orders, serverTime: Date.now() };
    } finally {
      // Ended after the answer is in the socket's buffer (the ack is written once this resolves): a join
      // that comes meanwhile then sees the buffer, not an idle socket.
      if (admitted) setImmediate(admitted);
    }
  });

  on('leave_restaurant_room', leaveRestaurantPayload, async (socket, { restaurantId }) => {
    const room = restaurantRoom(restaurantId);
    socket.leave(room);
    return { room };
  });

  on('join_order_room', joinOrderPayload, async (socket, { orderId, since }) => {
    const { catchUp, orders } = deps;
    const user = socket.data.user;
    const room = orderRoom(orderId);
    let order = await checked(socket, room, orders.visibleOrderFor(user, orderId));
    await catchUp.joinFrom(socket, room, since);
    // The replay may have sent newer versions than the one read before: answer the order as it is now.
    if (since !== undefined) order = await orders.visibleOrderFor(user, orderId);
    joined(socket, room);
    return { room, epoch: orders.epoch, order, serverTime: Date.now() };
  });

  on('leave_order_room', leaveOrderPayload, async (socket, { orderId }) => {
    const room = orderRoom(orderId);
    socket.leave(room);
    return { room };
  });

  on('join_admin_room', joinAdminPayload, async (socket) => {
    const verdict = isSuperadmin(socket.data.user);
    if (!verdict.allowed) denied(socket, ADMIN_ROOM, verdict.reason);
    socket.join(ADMIN_ROOM);
    joined(socket, ADMIN_ROOM);
    // After the ack (a macrotask later): the screen shows the stats at once instead of waiting for a tick.
    const stats = deps.adminStats;
    if (stats) {
      setImmediate(() =>
        void stats().then(
          (current) => socket.connected && socket.emit('system_stats_changed', current),
          (error: unknown) => deps.log.warn({ err: error }, 'system stats on join failed'),
        ),
      );
    }
    return { room: ADMIN_ROOM, serverTime: Date.now() };
  });

  on('session_refresh', sessionRefreshPayload, (socket, { token }) => deps.refreshSession(socket, token));
  on('ping', joinAdminPayload, async () => {
    const now = Date.now();
    return { time: now, serverTime: now };
  });
  on('order_create', createOrderBody, (socket, body) => deps.orders.create(socket.data.user, body));
  on('order_advance', orderAdvancePayload, (socket, { orderId, ...request }) => deps.orders.advance(socket.data.user, orderId, request));
  on('order_cancel', orderCancelPayload, (socket, { orderId, ...request }) => deps.orders.cancel(socket.data.user, orderId, request));
  on('order_recall', orderRecallPayload, (socket, { orderId, ...request }) => deps.orders.recall(socket.data.user, orderId, request));

  return (socket) => {
    socket.onAny(onUnknown);
    for (const [event, listener] of listeners) socket.on(event, listener as never);
  };
}
