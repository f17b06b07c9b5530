import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { businessEvents, connectRaw } from './helpers/raw-socket.js';
import { removeDir, startTestServer, tempDir } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

describe('gap-free delivery with since', () => {
  it('replays, in order and marked replay, every event after since, before the ack', async () => {
    const server = await startTestServer({ dir, db: join(dir, 'since.db') });
    const chef = await connectRaw(server.url, await server.login('chef'));
    const first = await chef.request('join_restaurant_room', { restaurantId: 'r1' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await chef.request('order_create', { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 })).order.id);
    await chef.request('order_advance', { orderId: ids[0] });
    const late = await connectRaw(server.url, await server.login('owner'));
    const answer = await late.request('join_restaurant_room', { restaurantId: 'r1', since: first.seq + 2 });
    const replayed = late.received.filter(([e]) => e === 'restaurant_order_received' || e === 'order_status_updated');
    expect(replayed.map(([, d]) => d.seq)).toEqual([first.seq + 3, first.seq + 4, first.seq + 5, first.seq + 6]);
    expect(replayed.every(([, d]) => d.replay === true && d.epoch === server.store.epoch)).toBe(true);
    expect(replayed[3]).toEqual([
      'order_status_updated',
      expect.objectContaining({ orderId: ids[0], restaurantId: 'r1', from: 'Pending', newStatus: 'Confirmed', version: 2, reason: null }),
    ]);
    expect(answer).toMatchObject({ ok: true, seq: first.seq + 6 });
    // The ack came after the replayed events.
    const ackIndex = late.received.findIndex(([e]) => e === 'room_joined');
    expect(ackIndex).toBeGreaterThan(late.received.indexOf(replayed[3]!));
    // Order rooms replay by version.
    const orderJoin = await late.request('join_order_room', { orderId: ids[0], since: 1 });
    expect(orderJoin.order.version).toBe(2);
    chef.close();
    late.close();
    await server.stop();
  });

  it('a client that was away misses nothing, even across a server restart', async () => {
    const db = join(dir, 'restart.db');
    let server = await startTestServer({ dir, db });
    const url = new URL(server.url);
    const watcher = new RtcClient({ server: server.url, token: await server.login('chef'), reconnectDelayMs: 50, reconnectDelayMaxMs: 200 });
    await watcher.connect();
    const board = watcher.watchRestaurant('r1');
    await waitFor(() => board.hasState, 'first snapshot');
    const seen: number[] = [];
    watcher.on('event', ({ event, data }) => {
      if (event === 'restaurant_order_received' || event === 'order_status_updated') seen.push((data as { seq: number }).seq);
    });
    const operator = new RtcClient({ server: server.url, token: await server.login('owner') });
    await operator.connect();
    const a = (await operator.createOrder({ restaurantId: 'r1', items: [{ name: 'Soup', qty: 1 }], amount: 5 })).order;
    await waitFor(() => board.orders.has(a.id), 'live order');
    operator.close();
    await server.stop();
    await waitFor(() => watcher.state.status === 'reconnecting', 'watcher notices');

    // While the server is down and back, orders change; the watcher is not connected for some of it.
    server = await startTestServer({ dir, db, port: Number(url.port) });
    const chef2 = new RtcClient({ server: server.url, token: await server.login('owner') });
    await chef2.connect();
    await chef2.advance(a.id);
    const b = (await chef2.createOrder({ restaurantId: 'r1', items: [{ name: 'Cake', qty: 3 }], amount: 9 })).order;
    await chef2.cancel(a.id, { reason: 'gone' });
    await waitFor(() => watcher.state.status === 'connected', 'watcher reconnects', 10_000);
    await waitFor(() => board.seq === 4 && board.orders.has(b.id) && !board.orders.has(a.id), 'board caught up');
    expect(board.finished.get(a.id)?.order.status).toBe('Cancelled');
    const stored = await server.store.listOrders({ restaurantId: 'r1', openOnly: true });
    expect(board.openOrders()).toEqual(stored);
    expect([...new Set(seen)].sort((x, y) => x - y)).toEqual([1, 2, 3, 4]);
    watcher.close();
    chef2.close();
    await server.stop();
  });

  it('finds a hole from stream_head and fills it by re-joining with since', async () => {
    const server = await startTestServer({ dir, db: join(dir, 'hole.db'), streamHeadMs: 100 });
    const watcher = new RtcClient({ server: server.url, token: await server.login('chef') });
    await watcher.connect();
    const board = watcher.watchRestaurant('r1');
    await waitFor(() => board.hasState, 'snapshot');
    // Events appended behind the broadcaster's back: exactly what a lost packet looks like to a client.
    await server.store.createOrder({ restaurantId: 'r1', customerId: null, customerName: 'Ghost', items: [{ name: 'Tea', qty: 1 }], amount: 1, actor: 'super' });
    await waitFor(() => board.seq === 1 && board.openOrders()[0]?.customerName === 'Ghost', 'hole filled from stream_head');
    expect(watcher.holes).toBeGreaterThan(0);
    expect(watcher.resyncs).toBeGreaterThan(0);
    watcher.close();
    await server.stop();
  });

  it('ignores an event it has already applied', async () => {
    const server = await startTestServer({ dir, db: join(dir, 'dupes.db') });
    const watcher = new RtcClient({ server: server.url, token: await server.login('chef') });
    await watcher.connect();
    const board = watcher.watchRestaurant('r1');
    await waitFor(() => board.hasState, 'snapshot');
    const { order } = await watcher.createOrder({ restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 1 });
    await waitFor(() => board.orders.has(order.id), 'order');
    const received = { order, seq: 1, epoch: server.store.epoch, timestamp: order.createdAt };
    // The same event again (as a duplicating network would deliver it) changes nothing.
    const [socket] = await server.io.fetchSockets();
    socket!.emit('restaurant_order_received', received);
    await sleep(50);
    expect(board.seq).toBe(1);
    expect(board.orders.size).toBe(1);
    watcher.close();
    await server.stop();
  });

  it('an outside client with default options (polling, then upgrade) replays what it missed across a restart', async () => {
    const db = join(dir, 'outside-restart.db');
    let server = await startTestServer({ dir, db });
    const port = Number(new URL(server.url).port);
    const token = await server.login('chef');
    const { io } = await import('socket.io-client');
    const first = io(server.url, { auth: { token }, reconnection: false, forceNew: true });
    const joined = await first.timeout(5000).emitWithAck('join_restaurant_room', { restaurantId: 'r1' });
    const created = await first.timeout(5000).emitWithAck('order_create', { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 1 });
    first.disconnect();
    await server.stop();
    server = await startTestServer({ dir, db, port });
    const owner = await connectRaw(server.url, await server.login('owner'));
    await owner.request('order_advance', { orderId: created.order.id });
    await owner.request('order_create', { restaurantId: 'r1', items: [{ name: 'Cake', qty: 1 }], amount: 3 });
    const again = io(server.url, { auth: { token }, reconnection: false, forceNew: true });
    const received: [string, any][] = [];
    again.onAny((event, payload) => received.push([event, payload]));
    const answer = await again.timeout(5000).emitWithAck('join_restaurant_room', { restaurantId: 'r1', since: joined.seq + 1 });
    expect(answer).toMatchObject({ ok: true, epoch: joined.epoch, seq: joined.seq + 3 });
    // The replay, in order, marked as such; a live copy of the last event may follow (the order was
    // still in its room's batch window when this client joined), and a client ignores a seq it has.
    const replayed = received.filter(([e, d]) => (e === 'order_status_updated' || e === 'restaurant_order_received') && d.replay);
    expect(replayed.map(([e, d]) => [e, d.seq])).toEqual([
      ['order_status_updated', joined.seq + 2],
      ['restaurant_order_received', joined.seq + 3],
    ]);
    const live = received.filter(([e, d]) => (e === 'order_status_updated' || e === 'restaurant_order_received') && !d.replay);
    expect(live.every(([, d]) => d.seq <= joined.seq + 3)).toBe(true);
    expect(answer.orders.map((o: { id: string }) => o.id)).toContain(created.order.id);
    again.disconnect();
    owner.close();
    await server.stop();
  });

  it('an outside client sees the contract events live', async () => {
    const server = await startTestServer({ dir, db: join(dir, 'outside.db') });
    const chef = await connectRaw(server.url, await server.login('chef'));
    const alice = await connectRaw(server.url, await server.login('alice'));
    await chef.request('join_restaurant_room', { restaurantId: 'r1' });
    const created = await alice.request('order_create', { restaurantId: 'r1', items: [{ name: 'Pie', qty: 2 }], amount: 8 });
    await alice.request('join_order_room', { orderId: created.order.id });
    await chef.request('order_advance', { orderId: created.order.id });
    await sleep(50);
    const events = businessEvents(chef);
    expect(events[0]).toEqual(['restaurant_order_received', { order: created.order, seq: 1, epoch: server.store.epoch, timestamp: created.order.createdAt }]);
    expect(events[1]![0]).toBe('order_status_updated');
    expect(Object.keys(events[1]![1]).sort()).toEqual(
      ['actor', 'epoch', 'from', 'newStatus', 'orderId', 'reason', 'restaurantId', 'seq', 'timestamp', 'version'].sort(),
    );
    // Alice is in order_{id} and user_alice: she gets the update once, not twice.
    expect(businessEvents(alice).filter(([e]) => e === 'order_status_updated')).toHaveLength(1);
    chef.close();
    alice.close();
    await server.stop();
  });
});
