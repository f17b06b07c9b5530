import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { KitchenBoard } from '../src/tui/components/kitchen-board.js';
import { KEYS, resize } from './helpers/kitchen-fixtures.js';
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

async function openBoard(token: string, frameMs?: number, reconnectDelayMs = 100) {
  const client = new RtcClient({ server: server.url, token, reconnectDelayMs, reconnectDelayMaxMs: Math.max(300, reconnectDelayMs), heartbeatMs: 500, heartbeatTimeoutMs: 400 });
  clients.push(client);
  await client.connect();
  const board = client.watchRestaurant('r1');
  const app = render(createElement(KitchenBoard, { link: client, board, restaurant: 'r1', user: 'chef (staff)', ...(frameMs !== undefined ? { frameMs } : {}) }));
  resize(app.stdout, 120, 40);
  const frame = () => strip(app.lastFrame());
  /** The line of column titles, e.g. "Pending 1   Confirmed 0 ...". */
  const titles = () => frame().split('\n').find((line) => line.startsWith('Pending ')) ?? '';
  return { client, app, frame, titles };
}

async function createOrder(items = [{ name: 'Soup', qty: 2 }], token?: string) {
  token ??= await server.login('owner');
  const { body } = await api(server.url, 'POST', '/api/orders', { token, body: { restaurantId: 'r1', items, amount: 12, customerName: 'Walk-in Wendy' } });
  return body.order.id as string;
}

describe('rtc watch board against a real server', () => {
  it('shows a new order, bumps it with Enter on every screen, and rides out a server restart', async () => {
    const chefToken = await server.login('chef');
    const screen = await openBoard(chefToken);
    const other = await openBoard(chefToken);
    await waitFor(() => screen.titles().includes('Pending 0'), 'an empty board');

    const first = await createOrder();
    await waitFor(() => screen.frame().includes(first) && screen.frame().includes('2× Soup'), 'the new order on the board');
    expect(screen.frame()).toContain('Walk-in Wendy');
    await waitFor(() => other.frame().includes(first), 'the new order on the other screen');

    screen.app.stdin.write(KEYS.enter);
    await waitFor(() => screen.titles().match(/Pending 0\s+Confirmed 1/), 'the bumped order in Confirmed');
    const { body } = await api(server.url, 'GET', `/api/orders/${first}`, { token: chefToken });
    expect(body.order.status).toBe('Confirmed');
    await waitFor(() => other.titles().match(/Pending 0\s+Confirmed 1/), 'the bump on the other screen', 1000);

    // The server goes away: the board stays, marked stale.
    const { port, dir, db } = server;
    await server.stop();
    await waitFor(() => screen.frame().includes('STALE'), 'the stale marker');
    expect(screen.frame()).toContain(first);
    expect(screen.frame()).toMatch(/reconnecting \(attempt \d+\)|disconnected/);

    // It comes back on the same port and file; the board catches up without a restart.
    server = await startTestServer({ port, dir, db });
    await waitFor(() => !screen.frame().includes('STALE') && screen.frame().includes('connected'), 'reconnected', 10_000);
    const second = await createOrder([{ name: 'Tacos', qty: 1 }]);
    await waitFor(() => screen.frame().includes(second), 'an order created after the restart');
    expect(screen.frame()).toContain(first);
    expect(screen.titles()).toMatch(/Pending 1\s+Confirmed 1/);

    screen.app.unmount();
    other.app.unmount();
  });

  it('shows, after it reconnects, a ticket created while this screen was offline', async () => {
    // This screen waits 2 s before it reconnects: the order is created while it is surely away.
    const screen = await openBoard(await server.login('chef'), undefined, 2000);
    const owner = await server.login('owner');
    await waitFor(() => screen.titles().startsWith('Pending') && screen.frame().includes('connected'), 'the board');
    screen.client.reconnectNow('test: link dropped');
    await waitFor(() => screen.frame().includes('STALE'), 'stale while the link is down');
    const missed = await createOrder([{ name: 'Gyoza', qty: 6 }], owner);
    expect(screen.client.connected).toBe(false);
    await waitFor(() => screen.frame().includes(missed) && !screen.frame().includes('STALE'), 'the missed ticket after the reconnect', 10_000);
    expect(screen.frame()).toContain('6× Gyoza');
    screen.app.unmount();
  });

  it('bumps with the status on screen as expect, so a ticket bumped elsewhere first is refused with a message', async () => {
    const chefToken = await server.login('chef');
    // Slow frames: the screen still shows Pending for a while after the rival's bump reaches the client.
    const screen = await openBoard(chefToken, 3000);
    const id = await createOrder([{ name: 'Pie', qty: 1 }]);
    await waitFor(() => screen.frame().includes(id), 'the order', 5000);
    const rival = new RtcClient({ server: server.url, token: chefToken });
    clients.push(rival);
    await rival.connect();
    await rival.advance(id, { expect: 'Pending' });
    // Filter down to this ticket (other tests left orders behind), then bump it.
    for (const key of ['/', ...id, KEYS.enter]) screen.app.stdin.write(key);
    await waitFor(() => screen.frame().includes(`filter: ${id}`), 'the filter');
    expect(screen.titles()).toMatch(/Pending 1\s+Confirmed 0/);
    screen.app.stdin.write(KEYS.enter);
    await waitFor(() => screen.frame().includes(`bump ${id} refused: someone changed it first`), 'the refusal on screen');
    const { body } = await api(server.url, 'GET', `/api/orders/${id}`, { token: chefToken });
    expect(body.order.status).toBe('Confirmed');
    screen.app.unmount();
  });

  it('refuses a bump while offline with a message instead of failing silently', async () => {
    const screen = await openBoard(await server.login('chef'));
    const id = await createOrder([{ name: 'Flan', qty: 1 }]);
    await waitFor(() => screen.frame().includes(id), 'the order');
    const { port, dir, db } = server;
    await server.stop();
    await waitFor(() => screen.frame().includes('STALE'), 'stale');
    screen.app.stdin.write(KEYS.enter);
    await waitFor(() => screen.frame().includes('not sent: offline'), 'the offline message');
    server = await startTestServer({ port, dir, db });
    screen.app.unmount();
  });
});
