import type { z } from 'zod';
import { canJoinRestaurant, isSuperadmin } from '../../domain/access.js';
import { maybeDeflate } from '../../protocol/deflated.js';
import { RtcError } from '../../protocol/errors.js';
import { CLIENT_TO_SERVER_EVENTS, type ClientToServerEvents } from '../../protocol/events.js';
import { ADMIN_ROOM, orderRoom, restaurantRoom } from '../../protocol/rooms.js';
import {
  LIMITS,
  createOrderBody,
  describeIssues,
  joinAdminPayload,
  joinOrderPayload,
  joinRestaurantPayload,
  leaveOrderPayload,
  leaveRestaurantPayload,
  orderAdvancePayload,
  orderCancelPayload,
} from '../../protocol/schemas.js';
import type { TokenBucket } from '../limits/token-bucket.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { OrderService } from '../order-service.js';
import type { Store } from '../store/store.js';
import type { CatchUp } from './catch-up.js';
import type { RtcSocket } from './types.js';

export interface HandlerDeps {
  store: Store;
  orders: OrderService;
  catchUp: CatchUp;
  log: Logger;
  metrics: Metrics;
  /** Answers false for a request that must be ignored (a chaos partition); it sees the request, as a join can be what is cut off. */
  accepts?: (socket: RtcSocket, event: string, payload: unknown) => boolean;
}

type Ack = (answer: unknown) => void;
type EventName = keyof ClientToServerEvents;

const KNOWN = new Set<string>(CLIENT_TO_SERVER_EVENTS);

function errorAnswer(error: RtcError) {
  return { ok: false as const, error: error.toBody() };
}

/** Wires the client-to-server events of one socket: rate limit, size, validation, then the order service. */
export function registerHandlers(socket: RtcSocket, bucket: TokenBucket, deps: HandlerDeps): void {
  const { orders, catchUp, store, log, metrics } = deps;
  const user = socket.data.user;

  const denied = (room: string, reason: string): never => {
    socket.emit('access_denied', { room, reason });
    throw new RtcError('FORBIDDEN', reason);
  };
  const joined = (room: string) => socket.emit('room_joined', { room });

  function on<S extends z.ZodType>(event: EventName, schema: S, run: (payload: z.infer<S>) => Promise<object>): void {
    socket.on(event, (async (...args: unknown[]) => {
      const ack: Ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : () => {};
      if (deps.accepts && !deps.accepts(socket, event, args[0])) return;
      try {
        limit(event);
        const payload = args[0];
        if (payload !== undefined && JSON.stringify(payload).length > LIMITS.bodyBytes) {
          throw new RtcError('BAD_REQUEST', `payload is over the limit of ${LIMITS.bodyBytes} bytes`);
        }
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) throw new RtcError('BAD_REQUEST', `invalid ${event} payload: ${describeIssues(parsed.error)}`);
        const answer = { ok: true as const, ...(await run(parsed.data)) };
        // Only a restaurant snapshot can be big enough to deflate; sizing every ack would cost a JSON.stringify each.
        ack(socket.data.features.deflate && event === 'join_restaurant_room' ? maybeDeflate(answer) : answer);
      } catch (error) {
        if (error instanceof RtcError) return ack(errorAnswer(error));
        log.error({ err: error, event, user: user.id }, 'socket handler failed');
        ack(errorAnswer(new RtcError('INTERNAL', 'internal error: see the server log')));
      }
    }) as never);
  }

  function limit(event: string): void {
    const verdict = bucket.take();
    if (verdict.ok) return;
    metrics.rateLimited.inc({ kind: 'socket' });
    socket.emit('rate_limit_exceeded', { event, retryAfter: verdict.retryAfter });
    throw new RtcError('RATE_LIMITED', `too many requests: wait ${verdict.retryAfter} s`, { retryAfter: verdict.retryAfter });
  }

  socket.onAny((event: string, ...args: unknown[]) => {
    if (KNOWN.has(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    try {
      limit(event);
      ack(errorAnswer(new RtcError('BAD_REQUEST', `unknown event "${String(event).slice(0, 64)}": see the Socket.IO events in the README`)));
    } catch (error) {
      ack(errorAnswer(error as RtcError));
    }
  });

  on('join_restaurant_room', joinRestaurantPayload, async ({ restaurantId, since }) => {
    const room = restaurantRoom(restaurantId);
    const verdict = canJoinRestaurant(user, restaurantId);
    if (!verdict.allowed) denied(room, verdict.reason);
    if (!(await store.getRestaurant(restaurantId))) throw new RtcError('NOT_FOUND', `restaurant ${restaurantId} does not exist`);
    if (since !== undefined) {
      await catchUp.hold(socket, `join:${room}`);
      socket.join(room);
      socket.data.resumeFrom.set(room, since);
      await catchUp.release(socket, `join:${room}`);
    } else {
      socket.join(room);
    }
    const snapshot = await orders.restaurantSnapshot(user, restaurantId);
    joined(room);
    return { room, epoch: store.epoch, seq: snapshot.seq, orders: snapshot.orders };
  });

  on('leave_restaurant_room', leaveRestaurantPayload, async ({ restaurantId }) => {
    const room = restaurantRoom(restaurantId);
    socket.leave(room);
    return { room };
  });

  on('join_order_room', joinOrderPayload, async ({ orderId, since }) => {
    const room = orderRoom(orderId);
    let order;
    try {
      order = await orders.visibleOrderFor(user, orderId);
    } catch (error) {
      if (error instanceof RtcError && error.code === 'FORBIDDEN') denied(room, error.message);
      throw error;
    }
    if (since !== undefined) {
      await catchUp.hold(socket, `join:${room}`);
      socket.join(room);
      socket.data.resumeFrom.set(room, since);
      await catchUp.release(socket, `join:${room}`);
      order = (await store.getOrder(orderId)) ?? order;
    } else {
      socket.join(room);
    }
    joined(room);
    return { room, epoch: store.epoch, order };
  });

  on('leave_order_room', leaveOrderPayload, async ({ orderId }) => {
    const room = orderRoom(orderId);
    socket.leave(room);
    return { room };
  });

  on('join_admin_room', joinAdminPayload, async () => {
    const verdict = isSuperadmin(user);
    if (!verdict.allowed) denied(ADMIN_ROOM, verdict.reason);
    socket.join(ADMIN_ROOM);
    joined(ADMIN_ROOM);
    return { room: ADMIN_ROOM };
  });

  on('ping', joinAdminPayload, async () => ({ time: Date.now() }));
  on('order_create', createOrderBody, (body) => orders.create(user, body));
  on('order_advance', orderAdvancePayload, ({ orderId, ...request }) => orders.advance(user, orderId, request));
  on('order_cancel', orderCancelPayload, ({ orderId, ...request }) => orders.cancel(user, orderId, request));
}
