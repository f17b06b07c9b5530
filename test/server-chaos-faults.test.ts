import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient, type ReceivedEvent } from '../src/client/rtc-client.js';
import type { FaultView } from '../src/protocol/chaos.js';
import { FAULTED_ROOM } from '../src/server/realtime/types.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

let server: TestServer;
let superToken: string;
let clients: RtcClient[] = [];

beforeAll(async () => {
  // Stream heads would make clients resync on their own; these tests want to see exactly what a fault sends.
  server = await startTestServer({ streamHeadMs: 60_000, rateLimit: { burst: 1000, perSecond: 1000 }, userRateLimit: { burst: 1000, perSecond: 1000 } });
  superToken = await server.login('super');
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await api(server.url, 'DELETE', '/api/chaos/faults', { token: superToken });
});

interface Watcher {
  client: RtcClient;
  received: ReceivedEvent[];
  business: () => ReceivedEvent[];
}

async function watcher(username: string, restaurantId: string, options: Partial<ConstructorParameters<typeof RtcClient>[0]> = {}): Promise<Watcher> {
  const client = new RtcClient({ server: server.url, token: await server.login(username), heartbeatMs: 60_000, ...options });
  clients.push(client);
  const received: ReceivedEvent[] = [];
  client.on('event', (event) => received.push(event));
  await client.connect();
  const board = client.watchRestaurant(restaurantId);
  await waitFor(() => board.hasState, `${username} joined ${restaurantId}`);
  return {
    client,
    received,
    business: () => received.filter((e) => e.event === 'restaurant_order_received' || e.event === 'order_status_updated'),
  };
}

async function inject(body: object): Promise<FaultView> {
  const answer = await api(server.url, 'POST', '/api/chaos/faults', { token: superToken, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.fault;
}

async function fault(id: string): Promise<FaultView> {
  return (await api(server.url, 'GET', `/api/chaos/faults/${id}`, { token: superToken })).body.fault;
}

async function createOrders(restaurantId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await api(server.url, 'POST', '/api/orders', {
      token: superToken,
      body: { restaurantId, items: [{ name: 'Soup', qty: 1 }], amount: 5 },
    });
    ids.push(answer.body.order.id);
  }
  return ids;
}

/** The board matches the store: same head, same open orders at the same versions. */
async function converged(client: RtcClient, restaurantId: string): Promise<boolean> {
  const board = client.watchRestaurant(restaurantId);
  const open = await server.store.listOrders({ restaurantId, openOnly: true });
  if (board.seq !== (await server.store.headSeq(restaurantId)) || board.orders.size !== open.length) return false;
  return open.every((order) => board.orders.get(order.id)?.version === order.version);
}

describe('chaos API access', () => {
  it('is for superadmins only', async () => {
    const chef = await server.login('chef');
    for (const [method, path] of [
      ['GET', '/api/chaos/faults'],
      ['POST', '/api/chaos/faults'],
      ['DELETE', '/api/chaos/faults'],
      ['DELETE', '/api/chaos/faults/f1'],
    ] as const) {
      const answer = await api(server.url, method, path, { token: chef, ...(method === 'POST' ? { body: { type: 'loss', rate: 0.5 } } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api(server.url, 'GET', '/api/chaos/faults')).status).toBe(401);
  });

  it('refuses bad bodies with 400 and unknown targets with 404', async () => {
    for (const body of [
      {},
      { type: 'meteor' },
      { type: 'loss' },
      { type: 'loss', rate: 1.5 },
      { type: 'loss', rate: 0.5, restaurantId: 'r1', userId: 'chef' },
      { type: 'loss', rate: 0.5, forSeconds: 99_999 },
      { type: 'latency', ms: -1 },
      { type: 'reorder', window: 0 },
      { type: 'partition', extra: true },
    ]) {
      const answer = await api(server.url, 'POST', '/api/chaos/faults', { token: superToken, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('BAD_REQUEST');
    }
    const raw = await api(server.url, 'POST', '/api/chaos/faults', { token: superToken, raw: '{not json' });
    expect(raw.status).toBe(400);
    expect((await api(server.url, 'POST', '/api/chaos/faults', { token: superToken, body: { type: 'partition', restaurantId: 'r9' } })).status).toBe(404);
    expect((await api(server.url, 'POST', '/api/chaos/faults', { token: superToken, body: { type: 'partition', userId: 'nobody' } })).status).toBe(404);
    expect((await api(server.url, 'DELETE', '/api/chaos/faults/f999', { token: superToken })).status).toBe(404);
  });

  it('lists active faults with time left and counts, and heals one or all', async () => {
    const a = await inject({ type: 'loss', rate: 0.5, restaurantId: 'r1', forSeconds: 30, seed: 1 });
    const b = await inject({ type: 'latency', ms: 100, jitter: 20, userId: 'chef' });
    expect(a).toMatchObject({ type: 'loss', rate: 0.5, restaurantId: 'r1', userId: null, seed: 1, counts: { dropped: 0 } });
    expect(b).toMatchObject({ type: 'latency', ms: 100, jitter: 20, userId: 'chef' });
    expect(b.remainingMs).toBeGreaterThan(50_000);
    const listed = (await api(server.url, 'GET', '/api/chaos/faults', { token: superToken })).body.faults as FaultView[];
    expect(listed.map((f) => f.id)).toEqual([a.id, b.id]);
    expect(listed[0]!.remainingMs).toBeLessThanOrEqual(30_000);
    const healed = await api(server.url, 'DELETE', `/api/chaos/faults/${a.id}`, { token: superToken });
    expect(healed.body.fault).toMatchObject({ id: a.id, remainingMs: 0 });
    expect(healed.body.fault.endedAt).toBeDefined();
    const all = await api(server.url, 'DELETE', '/api/chaos/faults', { token: superToken });
    expect(all.body.healed.map((f: FaultView) => f.id)).toEqual([b.id]);
    expect((await api(server.url, 'GET', '/api/chaos/faults', { token: superToken })).body.faults).toEqual([]);
  });
});

describe('faults do what they say', () => {
  it('is off the send path while no fault is active', async () => {
    await watcher('chef', 'r1');
    const adapter = server.io.of('/').adapter;
    const listeners = adapter.listenerCount('join-room');
    expect(server.broadcaster.tap).toBeUndefined();
    const f = await inject({ type: 'loss', rate: 0.5 });
    expect(server.broadcaster.tap).toBeDefined();
    expect(adapter.listenerCount('join-room')).toBe(listeners + 1);
    expect(server.io.of('/').adapter.rooms.get(FAULTED_ROOM)?.size).toBeGreaterThan(0);
    await api(server.url, 'DELETE', `/api/chaos/faults/${f.id}`, { token: superToken });
    expect(server.broadcaster.tap).toBeUndefined();
    expect(adapter.listenerCount('join-room')).toBe(listeners);
    expect(adapter.rooms.has(FAULTED_ROOM)).toBe(false);
  });

  it('loss 1.0 on a restaurant drops every event to its watchers and none to others; heal restores delivery', async () => {
    const cut = await watcher('chef', 'r1');
    const other = await watcher('chef2', 'r2');
    const f = await inject({ type: 'loss', rate: 1, restaurantId: 'r1', seed: 3 });
    expect(f.sockets).toBe(1);
    await createOrders('r1', 3);
    await createOrders('r2', 2);
    await waitFor(() => other.business().length === 2, 'r2 watcher gets its events');
    await waitFor(async () => (await fault(f.id)).counts.dropped === 3, 'three drops counted');
    expect(cut.business()).toEqual([]);
    await api(server.url, 'DELETE', `/api/chaos/faults/${f.id}`, { token: superToken });
    await createOrders('r1', 1);
    // The first event after the heal shows the hole; the client re-joins with since and catches up.
    await waitFor(() => converged(cut.client, 'r1'), 'r1 watcher converges after heal');
    expect(cut.client.holes).toBeGreaterThan(0);
  });

  it('loss with a seed drops the same events every time', async () => {
    // A bare socket, so that no resync changes which events reach the fault.
    const pattern = async () => {
      const socket = io(server.url, { auth: { token: await server.login('chef') }, transports: ['websocket'] });
      const seqs: number[] = [];
      socket.on('restaurant_order_received', (data: { seq: number }) => seqs.push(data.seq));
      try {
        await socket.timeout(5000).emitWithAck('join_restaurant_room', { restaurantId: 'r1' });
        const f = await inject({ type: 'loss', rate: 0.5, restaurantId: 'r1', seed: 99 });
        const first = (await server.store.headSeq('r1')) + 1;
        await createOrders('r1', 12);
        await waitFor(async () => (await fault(f.id)).counts.dropped + seqs.length >= 12, 'every event sent or dropped');
        await api(server.url, 'DELETE', `/api/chaos/faults/${f.id}`, { token: superToken });
        return seqs.map((seq) => seq - first);
      } finally {
        socket.close();
      }
    };
    const once = await pattern();
    expect(once.length).toBeGreaterThan(0);
    expect(once.length).toBeLessThan(12);
    expect(await pattern()).toEqual(once);
  });

  it('duplicate 1.0 sends every event twice, and the client applies each once', async () => {
    const w = await watcher('owner', 'r1');
    const f = await inject({ type: 'duplicate', rate: 1, userId: 'owner' });
    await createOrders('r1', 3);
    await waitFor(() => w.business().length === 6, 'each event twice');
    expect((await fault(f.id)).counts.duplicated).toBe(3);
    expect(await converged(w.client, 'r1')).toBe(true);
    expect(w.client.resyncs).toBe(0);
  });

  it('latency holds events back by at least its delay', async () => {
    const w = await watcher('chef', 'r1');
    const f = await inject({ type: 'latency', ms: 300, restaurantId: 'r1' });
    const started = Date.now();
    await createOrders('r1', 1);
    await waitFor(() => w.business().length === 1, 'the delayed event');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await fault(f.id)).counts.delayed).toBe(1);
    await waitFor(() => converged(w.client, 'r1'), 'converged');
  });

  it('reorder sends a window of events shuffled; the client still converges', async () => {
    const w = await watcher('chef', 'r1');
    const f = await inject({ type: 'reorder', window: 300, restaurantId: 'r1', seed: 42 });
    const before = await server.store.headSeq('r1');
    await Promise.all([createOrders('r1', 3), createOrders('r1', 3)]);
    await waitFor(() => w.business().filter((e) => !(e.data as { replay?: boolean }).replay).length >= 6, 'the window is sent');
    const live = w
      .business()
      .filter((e) => !(e.data as { replay?: boolean }).replay)
      .map((e) => (e.data as { seq: number }).seq - before);
    const { reordered } = (await fault(f.id)).counts;
    expect(reordered).toBeGreaterThan(0);
    expect(live.slice(0, 6)).not.toEqual([1, 2, 3, 4, 5, 6]);
    await waitFor(() => converged(w.client, 'r1'), 'converged');
  });

  it('partition cuts a user off both ways; the client notices by heartbeat and recovers after heal', async () => {
    const w = await watcher('chef', 'r1', { heartbeatMs: 200, heartbeatTimeoutMs: 300, requestTimeoutMs: 500 });
    const other = await watcher('chef2', 'r2');
    const f = await inject({ type: 'partition', userId: 'chef' });
    const seen = w.received.length;
    await createOrders('r1', 2);
    await createOrders('r2', 1);
    await waitFor(() => other.business().length === 1, 'others still served');
    await waitFor(() => w.client.state.status !== 'connected', 'heartbeat finds the silent link');
    await expect(w.client.advance('nope')).rejects.toMatchObject({ code: 'UNREACHABLE' });
    expect(w.received.slice(seen)).toEqual([]);
    await waitFor(async () => (await fault(f.id)).counts.ignored > 0, 'requests ignored');
    const counts = (await fault(f.id)).counts;
    expect(counts.partitioned).toBe(2);
    await api(server.url, 'DELETE', `/api/chaos/faults/${f.id}`, { token: superToken });
    await waitFor(() => converged(w.client, 'r1'), 'converged after heal', 10_000);
  });

  it('partition of a restaurant cuts its watchers, also when they reconnect, and leaves operators alone', async () => {
    const w = await watcher('chef', 'r1', { heartbeatMs: 200, heartbeatTimeoutMs: 300, requestTimeoutMs: 500, reconnectDelayMs: 50 });
    const operator = new RtcClient({ server: server.url, token: superToken, heartbeatMs: 60_000 });
    clients.push(operator);
    await operator.connect();
    const f = await inject({ type: 'partition', restaurantId: 'r1' });
    const { order } = await operator.createOrder({ restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 });
    await operator.advance(order.id);
    const states: string[] = [];
    w.client.on('state', (state) => states.push(state.status));
    await waitFor(() => states.indexOf('connected', states.indexOf('reconnecting')) > 0, 'cut off, then a new connection');
    // The new socket's join of r1 is ignored too, so the board stays stale until the heal.
    await sleep(800);
    expect(w.client.watchRestaurant('r1').orders.has(order.id)).toBe(false);
    await api(server.url, 'DELETE', `/api/chaos/faults/${f.id}`, { token: superToken });
    await waitFor(() => converged(w.client, 'r1'), 'converged after heal', 10_000);
  });

  it('expires on its own', async () => {
    const w = await watcher('chef', 'r1');
    await inject({ type: 'loss', rate: 1, forSeconds: 0.3 });
    await waitFor(async () => (await api(server.url, 'GET', '/api/chaos/faults', { token: superToken })).body.faults.length === 0, 'expiry');
    expect(server.broadcaster.tap).toBeUndefined();
    await createOrders('r1', 1);
    await waitFor(() => w.business().length === 1, 'normal delivery');
  });
});
