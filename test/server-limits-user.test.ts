import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, type RawClient } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';

// A small per-user limit, so that the bound holds however slow a loaded machine makes the attack;
// the per-socket bucket keeps the contract's 30:10.
const LIMIT = { burst: 10, perSecond: 2 };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ userRateLimit: LIMIT });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

/** The most LIMIT can let through in `ms`: 2 a second plus a burst of 10 every 5 s (fixed windows, so one extra of each). */
const allowance = (ms: number) => LIMIT.perSecond * (Math.ceil(ms / 1000) + 1) + LIMIT.burst * (Math.ceil(ms / 5000) + 1);

const ORDER = { restaurantId: 'r1', items: [{ name: 'Burger', qty: 1 }], amount: 9 };

describe('per-user request limit', () => {
  it('holds over HTTP: a customer sending 200 orders at once gets 429 with Retry-After', async () => {
    const token = await server.login('alice');
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${server.url}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(ORDER) }),
      ),
    );
    for (const response of responses) await response.arrayBuffer();
    const elapsed = Date.now() - started;
    const accepted = responses.filter((r) => r.status === 201).length;
    const refused = responses.find((r) => r.status === 429);
    console.log(`per-user attack over HTTP: ${accepted} of 200 concurrent orders accepted in ${elapsed} ms`);
    expect(accepted).toBeLessThanOrEqual(allowance(elapsed));
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('holds across sockets: 20 sockets of one user firing 30 orders each get a single user allowance between them', async () => {
    const token = await server.login('owner');
    const sockets: RawClient[] = await Promise.all(Array.from({ length: 20 }, () => connectRaw(server.url, token)));
    try {
      const started = Date.now();
      const answers = await Promise.all(sockets.flatMap((s) => Array.from({ length: 30 }, () => s.request('order_create', ORDER))));
      const elapsed = Date.now() - started;
      const accepted = answers.filter((a) => a.ok).length;
      const limited = answers.filter((a) => a.error?.code === 'RATE_LIMITED');
      console.log(`per-user attack over 20 sockets: ${accepted} of 600 orders accepted in ${elapsed} ms`);
      expect(accepted).toBeLessThanOrEqual(allowance(elapsed));
      expect(limited.length).toBe(600 - accepted);
      expect(limited[0].error.retryAfter).toBeGreaterThan(0);
      expect(sockets.some((s) => s.received.some(([event]) => event === 'rate_limit_exceeded'))).toBe(true);
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it('limits unauthenticated requests per address (not /healthz, which probes must always reach)', async () => {
    const answers: number[] = [];
    // In rounds of 40: one address may hold only a tenth of --max-pending connections at once.
    for (let round = 0; round < 5; round++) {
      answers.push(...(await Promise.all(Array.from({ length: 40 }, () => fetch(`${server.url}/api/orders`).then(async (r) => (await r.arrayBuffer(), r.status))))));
    }
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(100);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('counts an API key\'s requests against the person who made it: minting keys does not multiply the allowance', async () => {
    const own = await startTestServer({ userRateLimit: { burst: 10, perSecond: 1 } });
    try {
      const owner = await own.login('owner');
      const keys: string[] = [];
      for (let i = 0; i < 4; i++) {
        const made = await fetch(`${own.url}/api/keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `pos-${i}`, role: 'staff', restaurantId: 'r1' }),
        });
        expect(made.status).toBe(201);
        keys.push(((await made.json()) as { token: string }).token);
      }
      const statuses = await Promise.all(
        keys.flatMap((key) => Array.from({ length: 10 }, () => fetch(`${own.url}/api/orders?restaurantId=r1`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status))),
      );
      const accepted = statuses.filter((status) => status === 200).length;
      console.log(`4 keys of one admin, 10 requests each at once: ${accepted} accepted`);
      // One allowance (10 burst, 1 a second; the owner spent 4 on the keys), not four.
      expect(accepted).toBeLessThanOrEqual(12);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(28);
    } finally {
      await own.stop();
      removeDir(own.dir);
    }
  });
});
