import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_RESTAURANTS, DEMO_USERS } from '../src/server/demo-seed.js';
import { connectRaw } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) {
    await server.stop();
    removeDir(server.dir);
  }
});

describe('system_stats_changed', () => {
  it('reaches admin_global at most once a second with the live figures', async () => {
    const server = await startTestServer();
    servers.push(server);
    const admin = await connectRaw(server.url, await server.login('super'));
    const chef = await connectRaw(server.url, await server.login('chef'));
    await chef.request('join_restaurant_room', { restaurantId: 'r1' });
    expect((await admin.request('join_admin_room', {})).ok).toBe(true);
    await chef.request('order_create', { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 1 });
    await waitFor(() => admin.received.some(([e]) => e === 'system_stats_changed'), 'first stats', 3000);
    const started = Date.now();
    await sleep(2600);
    const stats = admin.received.filter(([e]) => e === 'system_stats_changed').map(([, p]) => p);
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(stats.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);
    const last = stats[stats.length - 1];
    expect(last).toMatchObject({ connections: 2, laggingSockets: 0, openOrdersByRestaurant: { r1: 1 } });
    expect(last.rooms).toBeGreaterThanOrEqual(4);
    expect(typeof last.eventsPerSecond).toBe('number');
    expect(last.memory.rss).toBeGreaterThan(0);
    // Nobody else gets them.
    expect(chef.received.some(([e]) => e === 'system_stats_changed')).toBe(false);
    admin.close();
    chef.close();
  });
});

describe('demo mode', () => {
  it('seeds the contract demo data, idempotently', async () => {
    const server = await startTestServer();
    servers.push(server);
    expect(await server.store.listRestaurants()).toEqual(DEMO_RESTAURANTS.map((r) => ({ ...r })));
    for (const user of DEMO_USERS) {
      const record = await server.store.getUserByUsername(user.username);
      expect(record).toMatchObject(user);
      expect(record!.passwordHash).not.toContain(user.username);
    }
    await server.stop();
    servers.pop();
    const again = await startTestServer({ dir: server.dir, db: server.db });
    servers.push(again);
    expect((await again.store.listRestaurants()).length).toBe(2);
    expect(await again.login('alice')).toBeTruthy();
  });

  it('the simulator creates and moves orders through the order service', async () => {
    const server = await startTestServer({ simulate: 1200 });
    servers.push(server);
    await waitFor(async () => (await server.store.allEvents()).length >= 5, 'simulated orders', 10_000);
    const events = await server.store.allEvents();
    expect(events.every((e) => e.actor === 'super')).toBe(true);
    expect(new Set(events.map((e) => e.restaurantId)).size).toBeGreaterThanOrEqual(1);
  });
});
