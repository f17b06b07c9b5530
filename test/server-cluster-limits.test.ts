import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCluster, type InProcessCluster } from './helpers/cluster.js';
import type { TestRedis } from './helpers/redis.js';
import { api, type TestServer } from './helpers/server.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';

const skip = skipUnlessAvailable('cluster-wide limits', await missingServices({ redis: true, postgres: true }));

/** Two nodes on one PostgreSQL database, joined through Redis: the limits are the cluster's, not each node's. */
describe.skipIf(skip)('limits with --redis', () => {
  let cluster: InProcessCluster;
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    cluster = await startInProcessCluster(2);
    redis = cluster.redis;
    [a, b] = cluster.nodes as [TestServer, TestServer];
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const login = (server: TestServer, username: string, password: string) => api(server.url, 'POST', '/api/auth/login', { body: { username, password } });

  it('counts login attempts for a name over every node', async () => {
    for (let i = 0; i < 6; i++) expect((await login(a, 'bob', 'wrong')).status).toBe(401);
    for (let i = 0; i < 4; i++) expect((await login(b, 'bob', 'wrong')).status).toBe(401);
    const next = await login(a, 'bob', 'bob');
    expect(next.status).toBe(429);
    expect(next.body.error.retryAfter).toBeGreaterThan(0);
    expect((await login(b, 'bob', 'bob')).status).toBe(429);
  });

  it('counts a user\'s requests over every node', async () => {
    const token = await a.login('alice');
    const order = { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 };
    const started = Date.now();
    const answers = await Promise.all(
      [a, b].flatMap((server) => Array.from({ length: 100 }, () => api(server.url, 'POST', '/api/orders', { token, body: order }))),
    );
    const elapsed = Date.now() - started;
    const accepted = answers.filter((x) => x.status === 201).length;
    // 60:20 for the user in all; per node it would have let through up to twice that.
    expect(accepted).toBeLessThanOrEqual(20 * (Math.ceil(elapsed / 1000) + 1) + 60 * (Math.ceil(elapsed / 3000) + 1));
  });

  it('keeps limiting in memory while Redis is down', async () => {
    await redis.stop();
    try {
      for (let i = 0; i < 10; i++) expect((await login(a, 'chef2', 'wrong')).status).toBe(401);
      expect((await login(a, 'chef2', 'chef2')).status).toBe(429);
      expect((await login(a, 'owner', 'owner')).status).toBe(200);
    } finally {
      await redis.restart();
    }
  });
});
