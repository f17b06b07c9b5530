import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { inflatePayload, isDeflated } from '../src/protocol/deflated.js';
import { SERVER_TO_CLIENT_EVENTS } from '../src/protocol/events.js';
import type { User } from '../src/protocol/model.js';
import { businessEvents, connectRaw } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

const SUPER: User = { id: 'super', username: 'super', role: 'superadmin', restaurantId: null };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ batchMs: 20 });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const create = () => server.orders.create(SUPER, { restaurantId: 'r1', items: [{ name: 'Fries', qty: 2 }], amount: 7 });

describe('batching', () => {
  it('sends a quiet room its event at once, and a burst as few batch_updates, in order', async () => {
    const chef = await connectRaw(server.url, await server.login('chef'));
    const start = (await chef.request('join_restaurant_room', { restaurantId: 'r1' })).seq as number;
    await create();
    await waitFor(() => chef.received.some(([e]) => e === 'restaurant_order_received'), 'single event');
    await sleep(60);
    const burst = 50;
    await Promise.all(Array.from({ length: burst }, create));
    await waitFor(() => businessEvents(chef).length === burst + 1, 'whole burst');
    const frames = chef.received.filter(([e]) => e === 'batch_update' || e === 'restaurant_order_received');
    expect(frames.filter(([e]) => e === 'batch_update').length).toBeGreaterThanOrEqual(1);
    expect(frames.length).toBeLessThan(burst / 2);
    expect(businessEvents(chef).map(([, d]) => d.seq)).toEqual(Array.from({ length: burst + 1 }, (_, i) => start + i + 1));
    chef.close();
  });

  it('--batch-ms 0 sends every event on its own', async () => {
    const plain = await startTestServer({ batchMs: 0 });
    const chef = await connectRaw(plain.url, await plain.login('chef'));
    await chef.request('join_restaurant_room', { restaurantId: 'r1' });
    await Promise.all(Array.from({ length: 20 }, () => plain.orders.create(SUPER, { restaurantId: 'r1', items: [{ name: 'x', qty: 1 }], amount: 1 })));
    await waitFor(() => businessEvents(chef).length === 20, 'events');
    expect(chef.received.some(([e]) => e === 'batch_update')).toBe(false);
    chef.close();
    await plain.stop();
    removeDir(plain.dir);
  });
});

describe('compression where it pays', () => {
  it('compresses a 200-order snapshot for clients that ask, by more than a fifth, and not for others', async () => {
    for (let i = 0; i < 200; i++) await server.orders.create(SUPER, { restaurantId: 'r2', items: [{ name: 'Margherita', qty: 2 }, { name: 'Lemonade', qty: 1 }], amount: 24.5, customerName: `Guest ${i}` });
    const token = await server.login('chef2');
    const compact = await connectRaw(server.url, token, { features: { deflate: true } });
    const raw = await compact.socket.timeout(5000).emitWithAck('join_restaurant_room', { restaurantId: 'r2' });
    expect(isDeflated(raw)).toBe(true);
    const snapshot = inflatePayload(raw) as { ok: boolean; orders: unknown[] };
    expect(snapshot.ok).toBe(true);
    expect(snapshot.orders).toHaveLength(200);
    const plainSize = JSON.stringify(snapshot).length;
    const compressedSize = (raw as { deflated: Buffer }).deflated.length;
    expect(compressedSize).toBeLessThan(plainSize * 0.8);
    const plainClient = await connectRaw(server.url, token);
    const plain = await plainClient.request('join_restaurant_room', { restaurantId: 'r2' });
    expect(plain.orders).toHaveLength(200);
    // Small answers are never compressed.
    expect(isDeflated(await compact.socket.timeout(5000).emitWithAck('leave_restaurant_room', { restaurantId: 'r2' }))).toBe(false);
    // The typed client unpacks it transparently.
    const client = new RtcClient({ server: server.url, token });
    await client.connect();
    const board = client.watchRestaurant('r2');
    await waitFor(() => board.orders.size === 200, 'board from a compressed snapshot');
    client.close();
    compact.close();
    plainClient.close();
  });
});

describe('the contract as code', () => {
  it('the client handles every server-to-client event', () => {
    const source = readFileSync(new URL('../src/client/rtc-client.ts', import.meta.url), 'utf8');
    for (const event of SERVER_TO_CLIENT_EVENTS) expect(source, event).toContain(`socket.on('${event}'`);
  });

  it('the server never broadcasts to every socket', () => {
    const hits = execSync("grep -rnE '\\bio\\.emit\\(|\\.sockets\\.emit\\(' src/server || true", { encoding: 'utf8' });
    expect(hits).toBe('');
  });
});
