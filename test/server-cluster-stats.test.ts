import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import type { SystemStats } from '../src/protocol/events.js';
import { startClusterServices, type ClusterServices } from './helpers/cluster.js';
import { startRtcNode, type RtcNode } from './helpers/rtc-node.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';
import { waitFor } from './helpers/wait.js';

const skip = skipUnlessAvailable('cluster stats', await missingServices({ redis: true, postgres: true }));

async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  return ((await response.json()) as { token: string }).token;
}

describe.skipIf(skip)('one view of a cluster in system_stats_changed', () => {
  let services: ClusterServices;
  let nodes: RtcNode[] = [];
  const clients: RtcClient[] = [];

  const connect = async (node: RtcNode, username: string) => {
    const client = new RtcClient({ server: node.url, token: await login(node.url, username), reconnectDelayMs: 100, requestTimeoutMs: 5000 });
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    services = await startClusterServices();
    const { database, redis, secret } = services;
    const args = ['--store', database.url, '--redis', redis.url, '--demo', '--log-level', 'warn'];
    nodes = await Promise.all([0, 1].map(() => startRtcNode({ args, env: { RTC_JWT_SECRET: secret } })));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await services?.stop();
  }, 30_000);

  it('sums the live nodes with a row per node, names the node the admin is on, and drops a killed node', async () => {
    const [a, b] = nodes as [RtcNode, RtcNode];
    const name = (node: RtcNode) => `${hostname()}:${node.pid()}`;
    const admin = await connect(a, 'super');
    const stats: SystemStats[] = [];
    admin.on('stats', (s: SystemStats) => stats.push(s));
    admin.watchAdmin();
    // Three watchers on b, none but the admin on a: b's share only reaches a through Redis.
    for (let i = 0; i < 3; i++) (await connect(b, 'chef')).watchRestaurant('r1');

    const both = await waitFor(
      () => stats.find((s) => s.nodes.length === 2 && s.nodes.find((n) => n.node === name(b))?.connections === 3),
      'a row for each node, with the watchers on b',
      15_000,
    );
    expect(both.node).toBe(name(a));
    expect(both.nodes[0]!.node).toBe(name(a));
    expect(both.connections).toBe(both.nodes[0]!.connections + both.nodes[1]!.connections);
    expect(both.connections).toBeGreaterThanOrEqual(4);
    expect(both.rooms).toBe(both.nodes[0]!.rooms + both.nodes[1]!.rooms);
    expect(both.openOrdersByRestaurant).toBeTypeOf('object');

    // Killed, not stopped: it cannot say goodbye, so it drops out when its heartbeat goes stale.
    await b.kill();
    const seen = stats.length;
    const alone = await waitFor(() => stats.slice(seen).find((s) => s.nodes.length === 1), 'the killed node to drop out', 15_000);
    expect(alone.nodes.map((n) => n.node)).toEqual([name(a)]);
    expect(alone.connections).toBe(alone.nodes[0]!.connections);
  });
});
