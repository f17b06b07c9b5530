import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { ServerClock } from '../src/client/server-clock.js';
import { connectRaw } from './helpers/raw-socket.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

let server: TestServer;
const tokens: Record<string, string> = {};
/** The quiet interval, shortened from the contract's 30 s so that the test sees quiet heads. */
const QUIET_MS = 3000;

beforeAll(async () => {
  server = await startTestServer({ streamHeadMs: QUIET_MS, rateLimit: { burst: 1000, perSecond: 1000 } });
  for (const user of ['chef', 'super']) tokens[user] = await server.login(user);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const createOrder = () =>
  api(server.url, 'POST', '/api/orders', { token: tokens.chef, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 1 } });

describe('stream_head', () => {
  it('follows a burst with one head within 1 s, carrying serverTime; then none while quiet until the quiet interval', async () => {
    const watcher = await connectRaw(server.url, tokens.chef);
    const heads = () => watcher.received.filter(([event]) => event === 'stream_head').map(([, data]) => ({ ...data, at: Date.now() }));
    const headTimes: number[] = [];
    watcher.socket.on('stream_head', () => headTimes.push(Date.now()));
    await watcher.request('join_restaurant_room', { restaurantId: 'r1' });
    // Quiet long enough that the first quiet head (if the room was new to the server) is not in the way.
    await sleep(200);
    headTimes.length = 0;
    for (let i = 0; i < 5; i++) await createOrder();
    const lastEventAt = Date.now();
    const head = await waitFor(() => heads().at(-1), 'a head after the burst', 2000);
    const after = headTimes[0]! - lastEventAt;
    expect(after).toBeLessThanOrEqual(1000);
    expect(headTimes).toHaveLength(1);
    expect(head).toMatchObject({ restaurantId: 'r1', seq: await server.store.headSeq('r1'), epoch: server.store.epoch });
    expect(Math.abs(head.serverTime - Date.now())).toBeLessThan(2000);
    // Quiet: no head for well over a second (the old timer sent one every 4 s, the burst head is done).
    await sleep(1500);
    expect(headTimes).toHaveLength(1);
    // At the quiet interval, a head comes anyway: not later (the contract's "at least every"), and not
    // earlier either (a head a tick early made a minute with one update carry three heads, not two).
    await waitFor(() => headTimes.length >= 2, 'a quiet head', QUIET_MS + 1500);
    expect(headTimes[1]! - headTimes[0]!).toBeGreaterThanOrEqual(QUIET_MS - 30);
    expect(headTimes[1]! - headTimes[0]!).toBeLessThanOrEqual(QUIET_MS + 300);
    watcher.close();
  });

  it('every join ack carries serverTime', async () => {
    const client = await connectRaw(server.url, tokens.super);
    const order = (await createOrder()).body.order;
    for (const [event, payload] of [
      ['join_restaurant_room', { restaurantId: 'r1' }],
      ['join_order_room', { orderId: order.id }],
      ['join_admin_room', {}],
    ] as const) {
      const before = Date.now();
      const ack = await client.request(event, payload);
      expect(ack.ok).toBe(true);
      expect(ack.serverTime).toBeGreaterThanOrEqual(before - 5);
      expect(ack.serverTime).toBeLessThanOrEqual(Date.now() + 5);
    }
    client.close();
  });
});

describe('join_admin_room', () => {
  it('sends the current system stats right after the ack, not at the next tick', async () => {
    // A tick of a minute: only the join can explain stats within the next few hundred ms.
    const quiet = await startTestServer();
    try {
      quiet.stats.stop();
      const admin = await connectRaw(quiet.url, await quiet.login('super'));
      const ack = await admin.request('join_admin_room', {});
      const ackedAt = Date.now();
      expect(ack).toMatchObject({ ok: true, room: 'admin_global' });
      const stats = await waitFor(() => admin.received.find(([event]) => event === 'system_stats_changed'), 'stats on join', 1000);
      expect(Date.now() - ackedAt).toBeLessThan(1000);
      expect(stats[1]).toMatchObject({ connections: 1 });
      expect(typeof stats[1].eventsPerSecond).toBe('number');
      admin.close();
    } finally {
      await quiet.stop();
      removeDir(quiet.dir);
    }
  });
});

describe('the client clock and ears', () => {
  it('ServerClock: the first sample sets the offset, small ones are smoothed, a step is taken at once', () => {
    const clock = new ServerClock();
    expect(clock.offsetMs).toBeUndefined();
    expect(clock.now(1000)).toBe(1000);
    clock.sample(10 * 60_000 + 5000, 5000); // the server is 10 minutes ahead
    expect(clock.offsetMs).toBe(600_000);
    clock.sample(600_100 + 6000, 6000);
    expect(clock.offsetMs).toBeGreaterThan(600_000);
    expect(clock.offsetMs).toBeLessThan(600_100);
    clock.sample(7000 - 6 * 60_000, 7000); // now 6 minutes behind: a set clock, taken as it is
    expect(clock.offsetMs).toBe(-360_000);
    clock.sample('not a time', 8000);
    expect(clock.offsetMs).toBe(-360_000);
  });

  it('RtcClient exposes clockOffsetMs, lastServerContactAt and silenceAllowedMs, fed by acks and heads', async () => {
    const client = new RtcClient({ server: server.url, token: tokens.chef!, heartbeatMs: 1000, heartbeatTimeoutMs: 800 });
    try {
      await client.connect();
      const board = client.watchRestaurant('r1');
      await waitFor(() => board.hasState, 'joined');
      // Same machine, same clock: the offset is about the one-way delay.
      expect(Math.abs(client.clockOffsetMs!)).toBeLessThan(200);
      expect(Math.abs(client.serverNow() - Date.now())).toBeLessThan(200);
      expect(client.silenceAllowedMs).toBe(1800);
      expect(Date.now() - client.lastServerContactAt!).toBeLessThan(1500);
      // While nothing else is said, the heartbeat keeps hearing the server.
      await sleep(2500);
      expect(Date.now() - client.lastServerContactAt!).toBeLessThan(2000);
      expect(client.state.status).toBe('connected');
    } finally {
      client.close();
    }
  });

  it('turns the state to reconnecting while a partition keeps the server silent, and connected only after an answer', async () => {
    const client = new RtcClient({ server: server.url, token: tokens.chef!, heartbeatMs: 1000, heartbeatTimeoutMs: 800 });
    const statuses: string[] = [];
    client.on('state', (state) => statuses.push(state.status));
    try {
      await client.connect();
      client.watchRestaurant('r1');
      await sleep(300);
      const fault = (await api(server.url, 'POST', '/api/chaos/faults', { token: tokens.super, body: { type: 'partition', userId: 'chef', forSeconds: 6 } })).body.fault;
      const cutAt = Date.now();
      // The socket is still up (nothing closed it): only the silence tells.
      await waitFor(() => client.state.status !== 'connected', 'not connected during the partition', client.silenceAllowedMs + 2500);
      expect(Date.now() - cutAt).toBeLessThan(client.silenceAllowedMs + 2500);
      // A fresh handshake is not an answer: while the partition lasts the state never says connected for long.
      await sleep(2000);
      expect(client.state.status).not.toBe('connected');
      await api(server.url, 'DELETE', `/api/chaos/faults/${fault.id}`, { token: tokens.super });
      await waitFor(() => client.state.status === 'connected', 'connected again after the heal', 8000);
      expect(Date.now() - client.lastServerContactAt!).toBeLessThan(2000);
    } finally {
      client.close();
    }
  });
});
