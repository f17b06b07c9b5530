import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['super', 'owner', 'chef', 'chef2', 'alice', 'bob']) tokens[user] = await server.login(user);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const call = (method: string, path: string, user?: string, body?: unknown) =>
  api(server.url, method, path, { ...(user ? { token: tokens[user] } : {}), ...(body !== undefined ? { body } : {}) });

const newOrder = async (user: string, restaurantId = 'r1') => {
  const res = await call('POST', '/api/orders', user, { restaurantId, items: [{ name: 'Burger', qty: 2 }], amount: 19 });
  expect(res.status).toBe(201);
  return res.body.order as { id: string; status: string; version: number };
};

describe('auth', () => {
  it('logs in and answers who I am', async () => {
    const res = await call('POST', '/api/auth/login', undefined, { username: 'chef', password: 'chef' });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: 'chef', username: 'chef', role: 'staff', restaurantId: 'r1' });
    expect(typeof res.body.token).toBe('string');
    const me = await api(server.url, 'GET', '/api/me', { token: res.body.token });
    expect(me.body).toEqual({ user: res.body.user });
  });

  it('refuses a wrong password, a forged and a missing token with 401 UNAUTHENTICATED', async () => {
    expect((await call('POST', '/api/auth/login', undefined, { username: 'chef', password: 'nope' })).body.error.code).toBe('UNAUTHENTICATED');
    const forged = tokens.chef!.slice(0, -4) + 'AAAA';
    for (const token of [forged, 'garbage', '']) {
      const res = await api(server.url, 'GET', '/api/me', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await call('GET', '/api/orders')).status).toBe(401);
  });

  it('rate-limits repeated failed logins with retryAfter', async () => {
    let last;
    for (let i = 0; i < 12; i++) last = await call('POST', '/api/auth/login', undefined, { username: 'bob', password: 'wrong' });
    expect(last!.status).toBe(429);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(last!.body.error.retryAfter).toBeGreaterThan(0);
    // Even the right password waits: that is what makes guessing slow.
    expect((await call('POST', '/api/auth/login', undefined, { username: 'bob', password: 'bob' })).status).toBe(429);
  });
});

describe('orders over HTTP', () => {
  it('walks an order from Pending to Delivered with versions and history', async () => {
    const order = await newOrder('chef');
    expect(order).toMatchObject({ status: 'Pending', version: 1 });
    expect(order.id.length).toBeLessThanOrEqual(12);
    for (const next of ['Confirmed', 'Preparing', 'Out for Delivery', 'Delivered']) {
      const res = await call('POST', `/api/orders/${order.id}/advance`, 'chef', {});
      expect(res.status).toBe(200);
      expect(res.body.order.status).toBe(next);
      expect(res.body.event).toMatchObject({ orderId: order.id, to: next, type: 'OrderStatusChanged', actor: 'chef' });
    }
    const shown = await call('GET', `/api/orders/${order.id}`, 'chef');
    expect(shown.body.order.version).toBe(5);
    expect(shown.body.events.map((e: { to: string }) => e.to)).toEqual(['Pending', 'Confirmed', 'Preparing', 'Out for Delivery', 'Delivered']);
    expect(Object.keys(shown.body.events[0]).sort()).toEqual(
      ['actor', 'epoch', 'from', 'orderId', 'reason', 'restaurantId', 'seq', 'timestamp', 'to', 'type', 'version'].sort(),
    );
    const again = await call('POST', `/api/orders/${order.id}/advance`, 'chef', {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('honours expect with CONFLICT and refuses transitions not in the table', async () => {
    const order = await newOrder('owner');
    const stale = await call('POST', `/api/orders/${order.id}/advance`, 'chef', { expect: 'Confirmed' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    const skip = await call('POST', `/api/orders/${order.id}/advance`, 'chef', { to: 'Delivered' });
    expect(skip.body.error.code).toBe('INVALID_TRANSITION');
    const ok = await call('POST', `/api/orders/${order.id}/advance`, 'chef', { to: 'Confirmed', expect: 'Pending' });
    expect(ok.body.order.status).toBe('Confirmed');
  });

  it('applies the access matrix', async () => {
    const aliceOrder = await newOrder('alice', 'r2');
    const r1Order = await newOrder('chef');
    // Customers: their own orders only, cancel only while Pending, never advance.
    expect((await call('GET', `/api/orders/${aliceOrder.id}`, 'bob')).status).toBe(403);
    expect((await call('GET', `/api/orders/${aliceOrder.id}`, 'alice')).status).toBe(200);
    expect((await call('POST', `/api/orders/${aliceOrder.id}/advance`, 'alice', {})).status).toBe(403);
    expect((await call('GET', '/api/orders', 'alice')).body.orders.every((o: { customerId: string }) => o.customerId === 'alice')).toBe(true);
    // Staff of r1 cannot see, advance or create for r2.
    expect((await call('GET', `/api/orders/${aliceOrder.id}`, 'chef')).status).toBe(403);
    expect((await call('POST', `/api/orders/${aliceOrder.id}/advance`, 'chef', {})).status).toBe(403);
    expect((await call('POST', '/api/orders', 'chef', { restaurantId: 'r2', items: [{ name: 'x', qty: 1 }], amount: 1 })).status).toBe(403);
    expect((await call('GET', '/api/orders?restaurantId=r2', 'chef')).status).toBe(403);
    // Staff of r2 advances; then the customer may no longer cancel.
    expect((await call('POST', `/api/orders/${aliceOrder.id}/advance`, 'chef2', {})).status).toBe(200);
    const late = await call('POST', `/api/orders/${aliceOrder.id}/cancel`, 'alice', {});
    expect(late.status).toBe(403);
    // Superadmin does anything.
    expect((await call('POST', `/api/orders/${r1Order.id}/cancel`, 'super', { reason: 'test' })).body.event.reason).toBe('test');
    const pending = await newOrder('alice');
    expect((await call('POST', `/api/orders/${pending.id}/cancel`, 'alice', {})).body.order.status).toBe('Cancelled');
  });

  it('lists by restaurant and status', async () => {
    const order = await newOrder('chef');
    const res = await call('GET', '/api/orders?restaurantId=r1&status=Pending', 'owner');
    expect(res.body.orders.some((o: { id: string }) => o.id === order.id)).toBe(true);
    expect(res.body.orders.every((o: { status: string; restaurantId: string }) => o.status === 'Pending' && o.restaurantId === 'r1')).toBe(true);
    expect((await call('GET', '/api/orders?status=Bogus', 'owner')).status).toBe(400);
  });
});

describe('bad input leaves the server up and the data intact', () => {
  it('answers each kind with the contract code', async () => {
    const before = await server.store.allEvents();
    const post = (raw: string) => api(server.url, 'POST', '/api/orders', { token: tokens.chef, raw, headers: { 'content-type': 'application/json' } });
    const cases: [string, number][] = [
      ['{"restaurantId": "r1", ', 400],
      ['[]', 400],
      ['"text"', 400],
      [JSON.stringify({ restaurantId: 'r1', items: [], amount: 1 }), 400],
      [JSON.stringify({ restaurantId: 'r1', items: [{ name: 'x', qty: 0 }], amount: 1 }), 400],
      [JSON.stringify({ restaurantId: 'r1', items: [{ name: 'x', qty: 1.5 }], amount: 1 }), 400],
      [JSON.stringify({ restaurantId: 'r1', items: [{ name: 'x', qty: 1 }], amount: -1 }), 400],
      [JSON.stringify({ restaurantId: 'r1', items: [{ name: 'x', qty: 1 }], amount: 1e12 }), 400],
      [JSON.stringify({ restaurantId: 'r1', items: [{ name: 'x', qty: 1 }], amount: '12' }), 400],
      [JSON.stringify({ restaurantId: 42, items: [{ name: 'x', qty: 1 }], amount: 1 }), 400],
      [JSON.stringify({ items: [{ name: 'x', qty: 1 }], amount: 1 }), 400],
      [JSON.stringify({ restaurantId: 'r1', items: [{ name: 'x'.repeat(70_000), qty: 1 }], amount: 1 }), 400],
    ];
    for (const [raw, status] of cases) {
      const res = await post(raw);
      expect(res.status, raw.slice(0, 80)).toBe(status);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message.length).toBeGreaterThan(5);
    }
    const unknownRestaurant = await call('POST', '/api/orders', 'super', { restaurantId: 'r9', items: [{ name: 'x', qty: 1 }], amount: 1 });
    expect(unknownRestaurant.status).toBe(404);
    const order = await newOrder('chef');
    const badStatus = await call('POST', `/api/orders/${order.id}/advance`, 'chef', { to: 'Teleported' });
    expect(badStatus.status).toBe(400);
    expect((await call('GET', '/api/orders/NOPE', 'chef')).body.error.code).toBe('NOT_FOUND');
    expect((await call('GET', '/api/orders/%2F..%2Fetc', 'chef')).status).toBe(400);
    const unknown = await call('GET', '/api/nothing-here', 'chef');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    // Nothing above changed what was stored, except the one order made on purpose.
    const after = await server.store.allEvents();
    expect(after.length).toBe(before.length + 1);
    expect((await call('GET', '/healthz')).body).toEqual({ ok: true });
  });

  it('serves Prometheus metrics', async () => {
    const res = await api(server.url, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('rtc_http_requests_total');
    expect(res.body).toContain('rtc_events_appended_total');
    expect(res.body).toMatch(/rtc_orders\{status="Pending"\} \d+/);
  });
});
