import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, type RawClient } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const clients: Record<string, RawClient> = {};
const USERS = ['super', 'owner', 'chef', 'chef2', 'alice', 'bob'] as const;

beforeAll(async () => {
  server = await startTestServer();
  for (const user of USERS) clients[user] = await connectRaw(server.url, await server.login(user));
});
afterAll(async () => {
  for (const client of Object.values(clients)) client.close();
  await server.stop();
  removeDir(server.dir);
});

const ask = (user: string, event: string, payload: unknown) => clients[user]!.request(event, payload);
const create = async (user: string, restaurantId: string) => {
  const answer = await ask(user, 'order_create', { restaurantId, items: [{ name: 'Pie', qty: 1 }], amount: 4 });
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return answer.order as { id: string };
};

describe('the access matrix over Socket.IO', () => {
  it('join_restaurant_room: staff and admins of R and superadmins only', async () => {
    const expected: Record<string, Record<string, boolean>> = {
      super: { r1: true, r2: true },
      owner: { r1: true, r2: false },
      chef: { r1: true, r2: false },
      chef2: { r1: false, r2: true },
      alice: { r1: false, r2: false },
      bob: { r1: false, r2: false },
    };
    for (const user of USERS) {
      for (const restaurantId of ['r1', 'r2']) {
        const answer = await ask(user, 'join_restaurant_room', { restaurantId });
        const room = `restaurant_${restaurantId}`;
        if (expected[user]![restaurantId]) {
          expect(answer, `${user} ${room}`).toMatchObject({ ok: true, room, epoch: server.store.epoch });
          expect(typeof answer.seq).toBe('number');
          expect(Array.isArray(answer.orders)).toBe(true);
          expect(clients[user]!.received).toContainEqual(['room_joined', { room }]);
          await ask(user, 'leave_restaurant_room', { restaurantId });
        } else {
          expect(answer, `${user} ${room}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(clients[user]!.received.some(([e, p]) => e === 'access_denied' && p.room === room && typeof p.reason === 'string')).toBe(true);
        }
      }
    }
  });

  it('join_order_room: own orders for customers, orders of R for staff, any for superadmin', async () => {
    const alices = await create('alice', 'r1');
    const walkIn = await create('chef2', 'r2');
    const cases: [string, string, boolean][] = [
      ['alice', alices.id, true],
      ['bob', alices.id, false],
      ['chef', alices.id, true],
      ['owner', alices.id, true],
      ['chef2', alices.id, false],
      ['super', alices.id, true],
      ['chef', walkIn.id, false],
      ['chef2', walkIn.id, true],
      ['alice', walkIn.id, false],
      ['super', walkIn.id, true],
    ];
    for (const [user, orderId, allowed] of cases) {
      const answer = await ask(user, 'join_order_room', { orderId });
      if (allowed) expect(answer, `${user} ${orderId}`).toMatchObject({ ok: true, room: `order_${orderId}`, order: { id: orderId } });
      else expect(answer, `${user} ${orderId}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await ask('chef', 'join_order_room', { orderId: 'NOSUCH' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('join_admin_room: superadmin only', async () => {
    for (const user of USERS) {
      const answer = await ask(user, 'join_admin_room', {});
      if (user === 'super') expect(answer).toEqual({ ok: true, room: 'admin_global', serverTime: expect.any(Number) });
      else expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('create, advance and cancel follow the same rules as HTTP', async () => {
    expect(await ask('chef', 'order_create', { restaurantId: 'r2', items: [{ name: 'x', qty: 1 }], amount: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const order = await create('alice', 'r2');
    expect(await ask('alice', 'order_advance', { orderId: order.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ask('chef', 'order_advance', { orderId: order.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ask('bob', 'order_cancel', { orderId: order.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const advanced = await ask('chef2', 'order_advance', { orderId: order.id, expect: 'Pending' });
    expect(advanced).toMatchObject({ ok: true, order: { status: 'Confirmed', version: 2 }, event: { from: 'Pending', to: 'Confirmed' } });
    expect(await ask('alice', 'order_cancel', { orderId: order.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ask('chef2', 'order_advance', { orderId: order.id, expect: 'Pending' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await ask('super', 'order_cancel', { orderId: order.id, reason: 'closing' })).toMatchObject({ ok: true, order: { status: 'Cancelled' } });
    expect(await ask('super', 'order_advance', { orderId: order.id })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    const own = await create('bob', 'r1');
    expect(await ask('bob', 'order_cancel', { orderId: own.id })).toMatchObject({ ok: true, order: { status: 'Cancelled' } });
  });
});
