import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../src/protocol/model.js';
import { bufferedBytes } from '../src/server/realtime/catch-up.js';
import { businessEvents, connectRaw } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

const SUPER: User = { id: 'super', username: 'super', role: 'superadmin', restaurantId: null };
const HIGH = 256 * 1024;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ highWaterBytes: HIGH, lowWaterBytes: HIGH / 4, batchMs: 0 });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

// About 6 KB per event, so a few thousand events are far more than any socket buffer holds.
const bigItems = Array.from({ length: 60 }, (_, i) => ({ name: `Item ${i} `.padEnd(90, '.'), qty: 1 }));

describe('backpressure', () => {
  it('holds a client that stops reading, keeps server memory bounded, and then delivers everything in order', async () => {
    const slow = await connectRaw(server.url, await server.login('chef'));
    const fast = await connectRaw(server.url, await server.login('owner'));
    const start = (await slow.request('join_restaurant_room', { restaurantId: 'r1' })).seq as number;
    await fast.request('join_restaurant_room', { restaurantId: 'r1' });
    const tcp = (slow.socket.io.engine.transport as unknown as { ws: { _socket: import('node:net').Socket } }).ws._socket;
    tcp.pause();

    const serverSocket = server.io.of('/').sockets.get(slow.socket.id!)!;
    let maxBuffered = 0;
    const sampler = setInterval(() => (maxBuffered = Math.max(maxBuffered, bufferedBytes(serverSocket))), 2);
    const total = 3000;
    for (let i = 0; i < total; i++) {
      await server.orders.create(SUPER, { restaurantId: 'r1', items: bigItems, amount: 60 });
      if (i % 25 === 24) await sleep(5);
    }
    await waitFor(() => serverSocket.data.holds?.has('backpressure') === true, 'slow socket held');
    clearInterval(sampler);
    const producedBytes = total * 6000;
    // The held socket's buffer stays near the mark, far below what was produced (18 MB).
    expect(maxBuffered).toBeLessThan(HIGH * 8);
    console.info(`backpressure: max send buffer ${maxBuffered} bytes with ${producedBytes} produced (high-water ${HIGH})`);
    // Others are not slowed down by it.
    await waitFor(() => businessEvents(fast).length === total, 'fast client has everything', 20_000);

    tcp.resume();
    await waitFor(() => new Set(businessEvents(slow).map(([, d]) => d.seq)).size === total, 'slow client caught up', 30_000);
    const firstSeen: number[] = [];
    const seen = new Set<number>();
    for (const [, data] of businessEvents(slow)) if (!seen.has(data.seq)) (seen.add(data.seq), firstSeen.push(data.seq));
    expect(firstSeen).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
    expect(businessEvents(slow).some(([, d]) => d.replay === true)).toBe(true);
    await waitFor(() => !serverSocket.data.holds?.size, 'released');
    // Live again: the next event arrives as a live one.
    await server.orders.create(SUPER, { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 1 });
    await waitFor(() => businessEvents(slow).some(([, d]) => d.seq === start + total + 1 && !d.replay), 'live event after catch-up');
    slow.close();
    fast.close();
  }, 90_000);
});
