import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../src/server/store/sqlite-migrations.js';
import { businessEvents, connectRaw } from './helpers/raw-socket.js';
import { api, removeDir, startTestServer, tempDir, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['super', 'owner', 'chef', 'chef2', 'alice']) tokens[user] = await server.login(user);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const call = (method: string, path: string, user: string, body?: unknown, on: TestServer = server) =>
  api(on.url, method, path, { token: tokens[user], ...(body !== undefined ? { body } : {}) });

async function newOrder(user = 'chef', on: TestServer = server): Promise<string> {
  const res = await call('POST', '/api/orders', user, { restaurantId: 'r1', items: [{ name: 'Burger', qty: 1 }], amount: 9 }, on);
  expect(res.status).toBe(201);
  return res.body.order.id;
}
const advance = (id: string, user = 'chef', body: unknown = {}) => call('POST', `/api/orders/${id}/advance`, user, body);
const recall = (id: string, user = 'chef', body: unknown = {}) => call('POST', `/api/orders/${id}/recall`, user, body);

describe('recall over HTTP', () => {
  it('undoes the last change; twice walks back two; then there is nothing left to recall', async () => {
    const id = await newOrder();
    await advance(id);
    await advance(id);
    const first = await recall(id);
    expect(first.status).toBe(200);
    expect(first.body.order).toMatchObject({ status: 'Confirmed', version: 4 });
    expect(first.body.event).toMatchObject({ type: 'OrderStatusRecalled', from: 'Preparing', to: 'Confirmed', actor: 'chef', version: 4 });
    const second = await recall(id, 'owner');
    expect(second.body.order).toMatchObject({ status: 'Pending', version: 5 });
    expect(second.body.event).toMatchObject({ type: 'OrderStatusRecalled', from: 'Confirmed', to: 'Pending', actor: 'owner' });
    const none = await recall(id);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('INVALID_TRANSITION');
    expect(none.body.error.message).toMatch(/nothing|no status change left/);
    // A change made after recalls is the next one a recall undoes.
    await advance(id);
    expect((await recall(id)).body.order.status).toBe('Pending');
    const history = await call('GET', `/api/orders/${id}`, 'chef');
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'OrderCreated',
      'OrderStatusChanged',
      'OrderStatusChanged',
      'OrderStatusRecalled',
      'OrderStatusRecalled',
      'OrderStatusChanged',
      'OrderStatusRecalled',
    ]);
  });

  it('brings an order back from Delivered and from Cancelled', async () => {
    const delivered = await newOrder();
    for (let i = 0; i < 4; i++) await advance(delivered);
    expect((await recall(delivered)).body.order.status).toBe('Out for Delivery');
    const cancelled = await newOrder();
    await advance(cancelled);
    await call('POST', `/api/orders/${cancelled}/cancel`, 'chef', { reason: 'wrong table' });
    expect((await recall(cancelled, 'super')).body.order.status).toBe('Confirmed');
  });

  it('with expect, recalls only from that status (CONFLICT otherwise)', async () => {
    const id = await newOrder();
    await advance(id);
    const stale = await recall(id, 'chef', { expect: 'Preparing' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect((await recall(id, 'chef', { expect: 'Confirmed' })).body.order.status).toBe('Pending');
    expect((await recall(id, 'chef', { expect: 'bogus' })).status).toBe(400);
  });

  it('is for staff and admins of the restaurant and superadmins only', async () => {
    const id = await newOrder('alice');
    await advance(id);
    const customer = await recall(id, 'alice');
    expect(customer.status).toBe(403);
    expect(customer.body.error.code).toBe('FORBIDDEN');
    expect((await recall(id, 'chef2')).status).toBe(403);
    expect((await recall('NOSUCH')).status).toBe(404);
    expect((await recall(id, 'owner')).status).toBe(200);
  });

  it('refuses once the recall window has passed, saying so', async () => {
    const short = await startTestServer({ recallWindowMs: 300 });
    try {
      tokens.shortChef = await short.login('chef');
      const id = await newOrder('shortChef', short);
      await call('POST', `/api/orders/${id}/advance`, 'shortChef', {}, short);
      await sleep(450);
      const late = await call('POST', `/api/orders/${id}/recall`, 'shortChef', {}, short);
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('INVALID_TRANSITION');
      expect(late.body.error.message).toMatch(/recall window has passed/);
      // A fresh change opens a fresh window.
      await call('POST', `/api/orders/${id}/advance`, 'shortChef', {}, short);
      expect((await call('POST', `/api/orders/${id}/recall`, 'shortChef', {}, short)).body.order.status).toBe('Confirmed');
    } finally {
      await short.stop();
      removeDir(short.dir);
    }
  });
});

describe('recall on the socket', () => {
  it('order_recall answers {order, event}; rooms get recalled:true with actor and the order, live and in replay', async () => {
    const board = await connectRaw(server.url, tokens.chef);
    const joined = await board.request('join_restaurant_room', { restaurantId: 'r1' });
    expect(joined.ok).toBe(true);
    expect(typeof joined.serverTime).toBe('number');
    const id = await newOrder();
    const orderWatcher = await connectRaw(server.url, tokens.owner);
    expect((await orderWatcher.request('join_order_room', { orderId: id })).serverTime).toBeGreaterThan(0);
    await advance(id);
    const answer = await board.request('order_recall', { orderId: id, expect: 'Confirmed' });
    expect(answer).toMatchObject({ ok: true, order: { id, status: 'Pending' }, event: { type: 'OrderStatusRecalled', from: 'Confirmed', to: 'Pending' } });
    const live = await waitFor(
      () => businessEvents(board).find(([name, data]) => name === 'order_status_updated' && data.orderId === id && data.recalled),
      'live recall on the restaurant room',
    );
    expect(live[1]).toMatchObject({ from: 'Confirmed', newStatus: 'Pending', actor: 'chef', recalled: true, order: { id, status: 'Pending', version: 3 } });
    expect(live[1].replay).toBeUndefined();
    await waitFor(
      () => businessEvents(orderWatcher).find(([name, data]) => name === 'order_status_updated' && data.recalled && data.version === 3),
      'live recall on the order room',
    );
    const refused = await board.request('order_recall', { orderId: id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });

    const late = await connectRaw(server.url, tokens.chef);
    await late.request('join_restaurant_room', { restaurantId: 'r1', since: live[1].seq - 1 });
    const replayed = businessEvents(late).find(([, data]) => data.seq === live[1].seq);
    expect(replayed?.[1]).toMatchObject({ recalled: true, replay: true, actor: 'chef', order: { id, status: 'Pending', version: 3 } });
    const orderLate = await connectRaw(server.url, tokens.chef);
    await orderLate.request('join_order_room', { orderId: id, since: 1 });
    expect(businessEvents(orderLate).map(([, data]) => [data.version, data.recalled ?? false, data.replay])).toEqual([
      [2, false, true],
      [3, true, true],
    ]);
    for (const client of [board, orderWatcher, late, orderLate]) client.close();
  });

  it('puts an order recalled out of Delivered back on a board that joined after it was delivered', async () => {
    const id = await newOrder();
    for (let i = 0; i < 4; i++) await advance(id);
    const client = new RtcClient({ server: server.url, token: tokens.chef! });
    try {
      await client.connect();
      const board = client.watchRestaurant('r1');
      await waitFor(() => board.hasState, 'board joined');
      expect(board.orders.has(id)).toBe(false);
      await client.recall(id, { expect: 'Delivered' });
      const back = await waitFor(() => board.orders.get(id), 'recalled order on the board');
      expect(back).toMatchObject({ status: 'Out for Delivery', items: [{ name: 'Burger', qty: 1 }] });
      // The open ticket's history, over HTTP with the client's own server and token.
      const history = await client.orderHistory(id);
      expect(history.events.at(-1)).toMatchObject({ type: 'OrderStatusRecalled', from: 'Delivered', to: 'Out for Delivery', actor: 'chef' });
    } finally {
      client.close();
    }
  });
});

describe('migration of an old SQLite database', () => {
  it('keeps the events, accepts recalls and notes, and stays append-only', async () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'v1.db');
      const raw = new Database(path);
      SQLITE_MIGRATIONS[0]!(raw);
      raw.pragma('user_version = 1');
      raw.prepare("INSERT INTO restaurants (id, name, last_seq) VALUES ('r1', 'Old', 2)").run();
      const details = JSON.stringify({ customerId: null, customerName: 'Old', items: [{ name: 'Soup', qty: 1 }], amount: 3 });
      raw.prepare(
        "INSERT INTO orders VALUES ('OLD1', 'r1', NULL, 'Old', '[{\"name\":\"Soup\",\"qty\":1}]', 3, 'Confirmed', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z')",
      ).run();
      const insert = raw.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      insert.run('r1', 1, 'OLD1', 1, 'OrderCreated', null, 'Pending', 'chef', null, '2026-01-01T00:00:00.000Z', details);
      insert.run('r1', 2, 'OLD1', 2, 'OrderStatusChanged', 'Pending', 'Confirmed', 'chef', null, '2026-01-01T00:00:01.000Z', null);
      raw.close();

      const store = SqliteStore.open(path);
      expect((await store.orderEvents('OLD1')).map((e) => e.type)).toEqual(['OrderCreated', 'OrderStatusChanged']);
      const recalled = await store.transition('OLD1', 'chef', () => ({ to: 'Pending', reason: null, recall: true }));
      expect(recalled.event).toMatchObject({ seq: 3, type: 'OrderStatusRecalled', to: 'Pending' });
      const withNote = await store.createOrder({ restaurantId: 'r1', customerId: null, customerName: 'N', items: [{ name: 'Tea', qty: 1, mods: ['no sugar'] }], amount: 1, note: 'window seat', actor: 'chef' });
      expect(await store.getOrder(withNote.order.id)).toMatchObject({ note: 'window seat', items: [{ name: 'Tea', qty: 1, mods: ['no sugar'] }] });
      expect((await store.getOrder('OLD1'))!.note).toBeUndefined();
      await store.close();

      const after = new Database(path);
      expect(after.pragma('user_version', { simple: true })).toBe(4);
      expect(() => after.prepare('UPDATE events SET actor = ?').run('x')).toThrow(/append-only/);
      expect(() => after.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect(() => after.prepare("INSERT INTO events (restaurant_id, seq, order_id, version, type, to_status, actor, timestamp) VALUES ('r1', 99, 'X', 1, 'Bogus', 'Pending', 'a', 't')").run()).toThrow(
        /CHECK/,
      );
      after.close();
    } finally {
      removeDir(dir);
    }
  });
});
