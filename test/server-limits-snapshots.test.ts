import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../src/protocol/model.js';
import { connectRaw } from './helpers/raw-socket.js';
import { countSnapshots } from './helpers/snapshot-count.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';

/**
 * What a restaurant snapshot (a join's answer: every open order of the room) may cost the server,
 * from an attacker's trial of 2026-11-30: one customer filled a restaurant with big orders until its
 * snapshot outgrew the send cap (every board of it was cut off at join), and sixty joins at once froze
 * the event loop for seconds.
 */
const SUPER: User = { id: 'super', username: 'super', role: 'superadmin', restaurantId: null };
/** An order of about 60 KB: 100 items with long names and ten modifiers each. */
const bigItems = Array.from({ length: 100 }, (_, i) => ({
  name: `Dish ${i} `.padEnd(100, '.'),
  qty: 1,
  mods: Array.from({ length: 10 }, (_, m) => `modifier ${m} `.padEnd(60, '-')),
}));

describe('open orders per customer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ customerOpenOrders: 3 });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dir);
  });

  it('refuses a customer past the cap, says why and what to do, and lets them order again once one closes', async () => {
    const token = await server.login('alice');
    const create = () => api(server.url, 'POST', '/api/orders', { token, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await create();
      expect(answer.status).toBe(201);
      ids.push(answer.body.order.id);
    }
    const refused = await create();
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', hint: 'wait until one is delivered or cancelled' });
    expect(refused.body.error.message).toContain('at most 3 open orders');
    // Staff orders (walk-ins) are not a customer's: no cap for them.
    const owner = await server.login('owner');
    for (let i = 0; i < 5; i++) {
      expect((await api(server.url, 'POST', '/api/orders', { token: owner, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 } })).status).toBe(201);
    }
    await server.orders.cancel(SUPER, ids[0]!, { reason: 'test' });
    expect((await create()).status).toBe(201);
  });
});

describe('restaurant snapshots', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A send cap below one snapshot (40 orders of ~60 KB): only the exemption for one answer to a reading socket lets a board in.
    server = await startTestServer({ maxBufferedBytes: 1024 * 1024, rateLimit: { burst: 1000, perSecond: 1000 } });
    for (let i = 0; i < 40; i++) await server.orders.create(SUPER, { restaurantId: 'r1', items: bigItems, amount: 100 });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    removeDir(server.dir);
  });

  it('lets a reading client load a snapshot bigger than the send cap', async () => {
    // A contract client without rtc's deflate: the answer goes out as JSON of ~2.4 MB.
    const client = await connectRaw(server.url, await server.login('chef'));
    try {
      const answer = await client.request('join_restaurant_room', { restaurantId: 'r1' });
      expect(answer.ok).toBe(true);
      expect(answer.orders).toHaveLength(40);
      expect(client.socket.connected).toBe(true);
    } finally {
      client.close();
    }
  });

  it('builds one snapshot at a time per connection, and refuses the others as RATE_LIMITED without cutting the connection', async () => {
    const snapshots = countSnapshots(server);
    try {
      const token = await server.login('chef');
      const sockets = await Promise.all([connectRaw(server.url, token), connectRaw(server.url, token)]);
      const answers = await Promise.all(
        sockets.flatMap((socket) => Array.from({ length: 30 }, () => socket.request('join_restaurant_room', { restaurantId: 'r1' }).catch((error: Error) => ({ lost: error.message })))),
      );
      const ok = answers.filter((answer) => answer.ok === true);
      const limited = answers.filter((answer) => answer.ok === false && answer.error.code === 'RATE_LIMITED');
      console.log(`60 joins at once on 2 connections: ${ok.length} answered, ${limited.length} refused, ${snapshots.built()} snapshots built`);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(ok.length + limited.length).toBe(60);
      expect(limited[0].error.retryAfter).toBe(1);
      expect(snapshots.built()).toBe(ok.length);
      expect(snapshots.built()).toBeLessThanOrEqual(4);
      expect(sockets.every((socket) => socket.socket.connected)).toBe(true);
      for (const socket of sockets) socket.close();
    } finally {
      snapshots.restore();
    }
  });
});

describe('a snapshot bigger than the send cap and the kernel buffers together', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxBufferedBytes: 1024 * 1024, rateLimit: { burst: 1000, perSecond: 1000 } });
    // About 9 MB: more than loopback's socket buffers take, so the server's own buffer holds most of it.
    for (let i = 0; i < 150; i++) await server.orders.create(SUPER, { restaurantId: 'r1', items: bigItems, amount: 100 });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    removeDir(server.dir);
  });

  it('keeps a reading client that asks for that snapshot again and again: the refusals queued behind it do not trip the cap', async () => {
    // The re-check trial: an 8.5 MB snapshot, then the small RATE_LIMITED answers behind it, and the
    // connection was cut at 8,525,476 bytes.
    const client = await connectRaw(server.url, await server.login('chef'));
    // A slow link for a moment: the snapshot stays in the server's buffer while the refusals queue behind it.
    const tcp = (client.socket.io.engine.transport as unknown as { ws: { _socket: import('node:net').Socket } }).ws._socket;
    try {
      tcp.pause();
      const asked = Promise.all(Array.from({ length: 10 }, () => client.request('join_restaurant_room', { restaurantId: 'r1' }).catch((error: Error) => ({ ok: false, error: { code: error.message } }))));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      tcp.resume();
      const answers = await asked;
      expect(answers.filter((answer) => answer.ok === true).length).toBeGreaterThanOrEqual(1);
      expect(answers.every((answer) => answer.ok === true || answer.error.code === 'RATE_LIMITED')).toBe(true);
      expect(client.socket.connected).toBe(true);
    } finally {
      client.close();
    }
  });
});
