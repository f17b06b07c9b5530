import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { HELD_ROOM } from '../src/server/realtime/types.js';
import { toMessage } from '../src/server/realtime/wire.js';
import { startInProcessCluster, type InProcessCluster } from './helpers/cluster.js';
import type { TestServer } from './helpers/server.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';
import { waitFor } from './helpers/wait.js';

const skip = skipUnlessAvailable('cluster out of order', await missingServices({ redis: true, postgres: true }));

/**
 * Two nodes in this process, each with its own PostgreSQL pool, joined by Redis. One node's
 * broadcast is held back on purpose, so that a later event reaches a watcher first: the order in
 * which events cross the adapter is not the order of the log, and the client must cope.
 */
describe.skipIf(skip)('events that cross the Redis adapter out of order', () => {
  let cluster: InProcessCluster;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    cluster = await startInProcessCluster(2, { streamHeadMs: 60_000 });
    [a, b] = cluster.nodes as [TestServer, TestServer];
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('a watcher sees the hole, catches up with since, and drops the late duplicate', async () => {
    const token = await a.login('chef');
    const watcherOnA = new RtcClient({ server: a.url, token });
    const watcherOnB = new RtcClient({ server: b.url, token });
    const operatorOnA = new RtcClient({ server: a.url, token });
    const clients = [watcherOnA, watcherOnB, operatorOnA];
    await Promise.all(clients.map((client) => client.connect()));
    try {
      const boards = [watcherOnA.watchRestaurant('r1'), watcherOnB.watchRestaurant('r1')];
      await waitFor(() => boards.every((board) => board.hasState), 'snapshots');
      const seen: number[][] = [[], []];
      [watcherOnA, watcherOnB].forEach((client, i) =>
        client.on('event', ({ data }) => typeof (data as { seq?: unknown }).seq === 'number' && seen[i]!.push((data as { seq: number }).seq)),
      );

      // Node B commits seq 1, but its broadcast is still on its way (held back here)...
      const late = await b.store.createOrder({ restaurantId: 'r1', actor: 'chef', customerId: null, customerName: 'Walk-in', items: [{ name: 'Tea', qty: 1 }], amount: 2 });
      // ...while node A commits seq 2 and broadcasts it at once, to both nodes.
      const { order: early } = await operatorOnA.createOrder({ restaurantId: 'r1', items: [{ name: 'Cake', qty: 1 }], amount: 3 });
      for (const board of boards) await waitFor(() => board.seq === 2 && board.orders.has(late.order.id) && board.orders.has(early.id), 'catch-up after the hole');
      expect(watcherOnA.holes + watcherOnB.holes).toBeGreaterThanOrEqual(2);
      // The boards show seq 2 once the replay is sent; the server lets the sockets back into live
      // delivery just after. A broadcast before that skips them (held sockets are replayed instead),
      // which under a loaded full suite made the late seq 1 below never arrive.
      await waitFor(() => [a, b].every((node) => !node.io.of('/').adapter.rooms.get(HELD_ROOM)?.size), 'replays released');

      // Now node B's broadcast of seq 1 arrives, across the adapter, after seq 2: it must change nothing.
      b.broadcaster.publish(toMessage(late.event, false, late.order), late.order);
      await waitFor(() => seen.every((list) => list.filter((seq) => seq === 1).length >= 2), 'the late seq 1 on both nodes');
      for (const board of boards) {
        expect(board.seq).toBe(2);
        expect([...board.orders.keys()].sort()).toEqual([late.order.id, early.id].sort());
      }
      // What each watcher received: 2 live (a hole), then 1 and 2 replayed, then the late 1.
      for (const list of seen) expect(list.slice(0, 1)).toEqual([2]);
    } finally {
      for (const client of clients) client.close();
    }
  });
});
