import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { startInProcessCluster, type InProcessCluster } from './helpers/cluster.js';
import type { TestRedis } from './helpers/redis.js';
import type { TestServer } from './helpers/server.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';
import { waitFor } from './helpers/wait.js';

const skip = skipUnlessAvailable('cluster without redis for a while', await missingServices({ redis: true, postgres: true }));

/** Redis goes away under two running nodes and comes back: each node keeps serving, and both heal. */
describe.skipIf(skip)('a cluster that loses Redis for a while', () => {
  let cluster: InProcessCluster;
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    // A short stream_head interval: it is how a watcher learns what it missed while Redis was gone.
    cluster = await startInProcessCluster(2, { streamHeadMs: 300 });
    redis = cluster.redis;
    [a, b] = cluster.nodes as [TestServer, TestServer];
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps serving its own sockets, and every watcher converges once Redis is back', async () => {
    const token = await a.login('chef');
    const clients = [a, b, a, b].map((server) => new RtcClient({ server: server.url, token }));
    const [watcherOnA, watcherOnB, operatorOnA, operatorOnB] = clients as [RtcClient, RtcClient, RtcClient, RtcClient];
    await Promise.all(clients.map((client) => client.connect()));
    try {
      const boards = [watcherOnA.watchRestaurant('r1'), watcherOnB.watchRestaurant('r1')];
      await waitFor(() => boards.every((board) => board.hasState), 'snapshots');
      const first = (await operatorOnA.createOrder({ restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 })).order;
      for (const board of boards) await waitFor(() => board.orders.has(first.id), 'the first order on both nodes');

      await redis.stop();
      const during = (await operatorOnA.createOrder({ restaurantId: 'r1', items: [{ name: 'Cake', qty: 1 }], amount: 3 })).order;
      await waitFor(() => boards[0]!.orders.has(during.id), 'an order on node A seen on node A without Redis');

      await redis.restart();
      const after = (await operatorOnB.createOrder({ restaurantId: 'r1', items: [{ name: 'Pie', qty: 1 }], amount: 4 })).order;
      const head = await b.store.headSeq('r1');
      for (const board of boards) {
        await waitFor(() => board.seq === head && [first, during, after].every((order) => board.orders.has(order.id)), 'both watchers whole again', 15_000);
      }
      expect(boards.map((board) => board.seq)).toEqual([3, 3]);
    } finally {
      for (const client of clients) client.close();
    }
  });
});
