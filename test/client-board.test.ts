import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { startTestServer, removeDir, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

describe('RtcClient keeps a live board', () => {
  it('sees a new order, a bump, and a finished order leave the board', async () => {
    const chef = new RtcClient({ server: server.url, token: await server.login('chef') });
    const owner = new RtcClient({ server: server.url, token: await server.login('owner') });
    await Promise.all([chef.connect(), owner.connect()]);
    const board = chef.watchRestaurant('r1');
    await waitFor(() => board.hasState, 'snapshot');
    const { order } = await owner.createOrder({ restaurantId: 'r1', items: [{ name: 'Soup', qty: 2 }], amount: 12 });
    await waitFor(() => board.orders.get(order.id), 'new order on the board');
    await chef.advance(order.id, { expect: 'Pending' });
    await waitFor(() => board.orders.get(order.id)?.status === 'Confirmed', 'bump seen');
    await chef.cancel(order.id, { reason: 'out of soup' });
    await waitFor(() => !board.orders.has(order.id) && board.finished.has(order.id), 'cancelled order in recall');
    expect(board.seq).toBe(3);
    await expect(chef.advance(order.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    chef.close();
    owner.close();
  });
});
