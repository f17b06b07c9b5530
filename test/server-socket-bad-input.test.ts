import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, type RawClient } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
let chef: RawClient;
beforeAll(async () => {
  server = await startTestServer({ rateLimit: { burst: 1000, perSecond: 1000 }, userRateLimit: { burst: 1000, perSecond: 1000 } });
  chef = await connectRaw(server.url, await server.login('chef'));
});
afterAll(async () => {
  chef.close();
  await server.stop();
  removeDir(server.dir);
});

describe('bad payloads over Socket.IO', () => {
  it('answers every malformed payload with BAD_REQUEST and keeps the connection', async () => {
    const before = (await server.store.allEvents()).length;
    const bad: [string, unknown][] = [
      ['join_restaurant_room', {}],
      ['join_restaurant_room', { restaurantId: 42 }],
      ['join_restaurant_room', { restaurantId: 'r1', since: -1 }],
      ['join_restaurant_room', { restaurantId: 'r1', since: 'yesterday' }],
      ['join_restaurant_room', 'r1'],
      ['join_restaurant_room', null],
      ['join_order_room', { orderId: '' }],
      ['join_order_room', { orderId: '../../etc/passwd' }],
      ['order_create', { restaurantId: 'r1', items: 'burger', amount: 3 }],
      ['order_create', { restaurantId: 'r1', items: [{ name: 'x', qty: -2 }], amount: 3 }],
      ['order_create', { restaurantId: 'r1', items: [{ name: 'x', qty: 1 }], amount: Number.NaN }],
      ['order_create', { restaurantId: 'r1', items: [], amount: 3 }],
      ['order_create', [1, 2, 3]],
      ['order_advance', { orderId: 'ABC', to: 'Eaten' }],
      ['order_advance', { orderId: 'ABC', expect: 7 }],
      ['order_cancel', { orderId: 'ABC', reason: 'x'.repeat(5000) }],
      ['order_create', { restaurantId: 'r1', items: [{ name: 'x'.repeat(70_000), qty: 1 }], amount: 1 }],
    ];
    for (const [event, payload] of bad) {
      const answer = await chef.request(event, payload);
      expect(answer, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(answer.error.message.length).toBeGreaterThan(5);
    }
    expect(chef.socket.connected).toBe(true);
    expect((await server.store.allEvents()).length).toBe(before);
  });

  it('answers an unknown event with BAD_REQUEST', async () => {
    const answer = await chef.request('order_teleport', { orderId: 'X' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(answer.error.message).toContain('unknown event');
    chef.socket.emit('no_ack_at_all', { x: 1 });
    expect((await chef.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
  });

  it('drops a connection that sends a frame over 1 MiB, and only that one', async () => {
    const vandal = await connectRaw(server.url, await server.login('owner'));
    const closed = new Promise<string>((resolve) => vandal.socket.once('disconnect', resolve));
    vandal.socket.emit('order_create', { restaurantId: 'r1', items: [{ name: 'x'.repeat(2 * 1024 * 1024), qty: 1 }], amount: 1 });
    expect(await closed).toMatch(/transport (close|error)/);
    expect(chef.socket.connected).toBe(true);
    expect((await chef.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('per-socket rate limit', () => {
  it('refuses past the burst with RATE_LIMITED and rate_limit_exceeded, then refills', async () => {
    const limited = await startTestServer({ rateLimit: { burst: 5, perSecond: 5 } });
    const client = await connectRaw(limited.url, await limited.login('chef'));
    // ping, not join: joins on one socket are also taken one at a time (SnapshotGate), which is not what this tests.
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.request('ping', {})));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(3);
    for (const answer of refused) expect(answer.error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    await waitFor(() => client.received.some(([e, p]) => e === 'rate_limit_exceeded' && p.event === 'ping' && p.retryAfter >= 1), 'announcement');
    // Another socket of the same user has its own bucket.
    const other = await connectRaw(limited.url, await limited.login('chef'));
    expect((await other.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await client.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    client.close();
    other.close();
    await limited.stop();
    removeDir(limited.dir);
  });
});
