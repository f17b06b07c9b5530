import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canJoinRestaurant, canSeeOrder } from '../src/domain/access.js';
import type { Order, User } from '../src/protocol/model.js';
import { businessEvents, connectRaw, type RawClient } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep } from './helpers/wait.js';

const USERS: User[] = [
  { id: 'super', username: 'super', role: 'superadmin', restaurantId: null },
  { id: 'owner', username: 'owner', role: 'admin', restaurantId: 'r1' },
  { id: 'chef', username: 'chef', role: 'staff', restaurantId: 'r1' },
  { id: 'chef2', username: 'chef2', role: 'staff', restaurantId: 'r2' },
  { id: 'alice', username: 'alice', role: 'customer', restaurantId: null },
  { id: 'bob', username: 'bob', role: 'customer', restaurantId: null },
];

let fast: TestServer;
let batched: TestServer;
const tokens = new Map<string, Map<string, string>>();

beforeAll(async () => {
  fast = await startTestServer({ batchMs: 0, rateLimit: { burst: 10_000, perSecond: 10_000 }, userRateLimit: { burst: 10_000, perSecond: 10_000 } });
  batched = await startTestServer({ batchMs: 10, rateLimit: { burst: 10_000, perSecond: 10_000 }, userRateLimit: { burst: 10_000, perSecond: 10_000 } });
  for (const server of [fast, batched]) {
    const byUser = new Map<string, string>();
    for (const user of USERS) byUser.set(user.id, await server.login(user.id));
    tokens.set(server.url, byUser);
  }
});
afterAll(async () => {
  for (const server of [fast, batched]) {
    await server.stop();
    removeDir(server.dir);
  }
});

const watcher = fc.record({ user: fc.nat(USERS.length - 1), restaurants: fc.subarray(['r1', 'r2']), orders: fc.array(fc.nat(), { maxLength: 3 }) });
const action = fc.record({ actor: fc.nat(USERS.length - 1), kind: fc.constantFrom('create', 'advance', 'cancel'), restaurant: fc.constantFrom('r1', 'r2'), pick: fc.nat() });

describe('room isolation and per-stream order (property)', () => {
  it('no socket ever receives an event of a room it may not join, and every stream arrives in seq order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(watcher, { minLength: 1, maxLength: 6 }),
        fc.array(action, { minLength: 1, maxLength: 25 }),
        async (useBatching, watcherSpecs, actions) => {
          const server = useBatching ? batched : fast;
          const byUser = tokens.get(server.url)!;
          const operators = new Map<string, RawClient>();
          for (const user of USERS) operators.set(user.id, await connectRaw(server.url, byUser.get(user.id)!));
          // Some orders exist before the watchers join, so order rooms can be tried too.
          const seedOrders: Order[] = [];
          for (const restaurantId of ['r1', 'r2']) {
            const answer = await operators.get('super')!.request('order_create', { restaurantId, items: [{ name: 'Seed', qty: 1 }], amount: 1 });
            seedOrders.push(answer.order);
          }
          const watchers: { user: User; client: RawClient; restaurants: Set<string>; orders: Set<string>; startSeq: Map<string, number> }[] = [];
          for (const spec of watcherSpecs) {
            const user = USERS[spec.user]!;
            const client = await connectRaw(server.url, byUser.get(user.id)!);
            const joined = { user, client, restaurants: new Set<string>(), orders: new Set<string>(), startSeq: new Map<string, number>() };
            for (const restaurantId of spec.restaurants) {
              const answer = await client.request('join_restaurant_room', { restaurantId });
              expect(answer.ok).toBe(canJoinRestaurant(user, restaurantId).allowed);
              if (answer.ok) {
                joined.restaurants.add(restaurantId);
                joined.startSeq.set(restaurantId, answer.seq);
              }
            }
            for (const pick of spec.orders) {
              const order = seedOrders[pick % seedOrders.length]!;
              const answer = await client.request('join_order_room', { orderId: order.id });
              expect(answer.ok).toBe(canSeeOrder(user, order).allowed);
              if (answer.ok) joined.orders.add(order.id);
            }
            watchers.push(joined);
          }
          const known = new Map<string, Order>(seedOrders.map((o) => [o.id, o]));
          for (const a of actions) {
            const actor = USERS[a.actor]!;
            const operator = operators.get(actor.id)!;
            const ids = [...known.keys()];
            const answer =
              a.kind === 'create'
                ? await operator.request('order_create', { restaurantId: a.restaurant, items: [{ name: 'Dish', qty: 1 }], amount: 3 })
                : await operator.request(a.kind === 'advance' ? 'order_advance' : 'order_cancel', { orderId: ids[a.pick % ids.length] });
            if (answer.ok) known.set(answer.order.id, answer.order);
          }
          await sleep(useBatching ? 80 : 40);
          for (const w of watchers) {
            const seqs = new Map<string, number[]>();
            for (const [event, data] of businessEvents(w.client)) {
              const order: Order = event === 'restaurant_order_received' ? data.order : known.get(data.orderId)!;
              const restaurantId = order.restaurantId;
              const viaRestaurant = w.restaurants.has(restaurantId);
              if (event === 'restaurant_order_received') {
                expect(viaRestaurant, `${w.user.id} got ${event} of ${restaurantId}`).toBe(true);
              } else {
                const viaOrder = w.orders.has(order.id);
                const viaUser = order.customerId === w.user.id;
                expect(viaRestaurant || viaOrder || viaUser, `${w.user.id} got ${event} of ${order.id}`).toBe(true);
                expect(canSeeOrder(w.user, order).allowed).toBe(true);
              }
              if (viaRestaurant) seqs.set(restaurantId, [...(seqs.get(restaurantId) ?? []), data.seq]);
            }
            for (const restaurantId of w.restaurants) {
              // Per-stream order: exactly the seqs after the join, each once, in order, no holes.
              const got = seqs.get(restaurantId) ?? [];
              const head = await server.store.headSeq(restaurantId);
              const start = w.startSeq.get(restaurantId)!;
              expect(got).toEqual(Array.from({ length: head - start }, (_, i) => start + i + 1));
            }
            w.client.close();
          }
          for (const operator of operators.values()) operator.close();
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
