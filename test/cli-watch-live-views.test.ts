import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { AdminStatsScreen } from '../src/tui/components/admin-stats-screen.js';
import { OrderTimelineScreen } from '../src/tui/components/order-timeline-screen.js';
import { resize } from './helpers/kitchen-fixtures.js';
import { strip } from './helpers/mount-board.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
const clients: RtcClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.stop();
  removeDir(server.dir);
});

async function connect(username: string) {
  const client = new RtcClient({ server: server.url, token: await server.login(username) });
  clients.push(client);
  await client.connect();
  return client;
}

describe('rtc watch --order and --admin against a real server', () => {
  it("follows a customer's order through the kitchen's bumps", async () => {
    const alice = await connect('alice');
    const { order } = await alice.createOrder({ restaurantId: 'r1', items: [{ name: 'Pho', qty: 1 }], amount: 11 });
    const timeline = alice.watchOrder(order.id);
    const app = render(createElement(OrderTimelineScreen, { link: alice, timeline }));
    const frame = () => strip(app.lastFrame());
    await waitFor(() => /● Pending/.test(frame()), 'the order, Pending');
    expect(frame()).toContain('1× Pho');

    const chef = await server.login('chef');
    await api(server.url, 'POST', `/api/orders/${order.id}/advance`, { token: chef, body: {} });
    await api(server.url, 'POST', `/api/orders/${order.id}/advance`, { token: chef, body: {} });
    await waitFor(() => /✓ Confirmed/.test(frame()) && /● Preparing/.test(frame()), 'Confirmed then Preparing');
    expect(frame()).toMatch(/○ Out for Delivery/);
    app.unmount();
  });

  it('shows live system stats to the superadmin', async () => {
    const admin = await connect('super');
    admin.watchAdmin();
    const app = render(createElement(AdminStatsScreen, { link: admin, user: 'super (superadmin)' }));
    resize(app.stdout, 100, 30);
    const frame = () => strip(app.lastFrame());
    await waitFor(() => /connections \d+/.test(frame()), 'the first stats', 5000);
    expect(frame()).toMatch(/events\/s\s+\d+/);
    expect(frame()).toContain('Open orders per restaurant');
    app.unmount();
  });
});
