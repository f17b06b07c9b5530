import type { IncomingMessage, ServerResponse } from 'node:http';
import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import { advanceBody, cancelBody, createOrderBody, listOrdersQuery, orderIdSchema, recallBody } from '../../protocol/schemas.js';
import type { Principal } from '../auth/principal.js';
import type { Metrics } from '../metrics.js';
import type { OrderService } from '../order-service.js';
import { readJson, validate } from './body.js';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The client's address as the per-address limits count it (see client-address.ts). */
  address: string;
  /** The caller, verified from the bearer token; throws UNAUTHENTICATED when there is none. */
  user(): Promise<User>;
  /** The caller with their session (login session or API key); throws UNAUTHENTICATED. */
  principal(): Promise<Principal>;
}

export type RouteResult = { status?: number; body: unknown; contentType?: string } | undefined;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path with :params, e.g. /api/orders/:id/advance. */
  path: string;
  /** A label for metrics, free of ids. */
  name: string;
  /**
   * Never counted against the per-address limit (a path without params): a health probe sharing an
   * address with a noisy client, or behind a proxy without --trust-proxy, must not see a healthy
   * server as down, and the answer costs nothing.
   */
  unlimited?: boolean;
  handle(context: RouteContext): Promise<RouteResult>;
}

export interface RouteDeps {
  orders: OrderService;
  metrics: Metrics;
}

function orderId(context: RouteContext): string {
  return validate(orderIdSchema, context.params.id, 'order id');
}

export function apiRoutes({ orders, metrics }: RouteDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      name: 'healthz',
      unlimited: true,
      handle: async () => ({ body: { ok: true } }),
    },
    {
      method: 'GET',
      path: '/metrics',
      name: 'metrics',
      handle: async () => ({ body: await metrics.registry.metrics(), contentType: metrics.registry.contentType }),
    },
    {
      method: 'POST',
      path: '/api/orders',
      name: 'order_create',
      handle: async ({ request, user }) => {
        const caller = await user();
        const body = validate(createOrderBody, await readJson(request), 'order');
        return { status: 201, body: await orders.create(caller, body) };
      },
    },
    {
      method: 'GET',
      path: '/api/orders',
      name: 'order_list',
      handle: async ({ query, user }) => {
        const caller = await user();
        const filter = validate(listOrdersQuery, Object.fromEntries(query), 'query');
        return { body: await orders.list(caller, filter) };
      },
    },
    {
      method: 'GET',
      path: '/api/orders/:id',
      name: 'order_show',
      handle: async (context) => ({ body: await orders.get(await context.user(), orderId(context)) }),
    },
    {
      method: 'POST',
      path: '/api/orders/:id/advance',
      name: 'order_advance',
      handle: async (context) => {
        const caller = await context.user();
        const body = validate(advanceBody, await readJson(context.request), 'advance');
        return { body: await orders.advance(caller, orderId(context), body) };
      },
    },
    {
      method: 'POST',
      path: '/api/orders/:id/cancel',
      name: 'order_cancel',
      handle: async (context) => {
        const caller = await context.user();
        const body = validate(cancelBody, await readJson(context.request), 'cancel');
        return { body: await orders.cancel(caller, orderId(context), body) };
      },
    },
    {
      method: 'POST',
      path: '/api/orders/:id/recall',
      name: 'order_recall',
      handle: async (context) => {
        const caller = await context.user();
        const body = validate(recallBody, await readJson(context.request), 'recall');
        return { body: await orders.recall(caller, orderId(context), body) };
      },
    },
  ];
}

export function notFound(method: string, path: string): RtcError {
  return new RtcError('NOT_FOUND', `no route ${method} ${path}`, { hint: 'see the HTTP API in docs/protocol.md' });
}
