import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideTransition } from '../src/domain/transitions.js';
import Database from 'better-sqlite3';
import { foldOrder } from '../src/domain/fold.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { verifyStore } from '../src/server/store/verify-store.js';
import { removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const newOrder = { restaurantId: 'r1', customerId: null, customerName: 'Walk-in', items: [{ name: 'Tea', qty: 1 }], amount: 2, actor: 'chef' };

describe('group commit', () => {
  it('commits concurrent appends together, refuses one alone, and resolves them in seq order', async () => {
    const store = SqliteStore.open(join(dir, 'group.db'));
    await store.upsertRestaurant({ id: 'r1', name: 'One' });
    const created = await Promise.all(Array.from({ length: 20 }, () => store.createOrder(newOrder)));
    expect(created.map((c) => c.event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const resolvedSeqs: number[] = [];
    const outcomes = await Promise.allSettled(
      created.map(({ order }, i) =>
        store
          .transition(order.id, 'chef', (current) => ({ to: decideTransition({ current: current.status, to: i === 7 ? 'Delivered' : undefined }), reason: null }))
          .then((appended) => (resolvedSeqs.push(appended.event.seq), appended)),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(outcomes[7]!.status).toBe('rejected');
    expect(resolvedSeqs).toEqual(Array.from({ length: 19 }, (_, i) => 21 + i));
    expect(await store.headSeq('r1')).toBe(39);
    expect((await store.getOrder(created[7]!.order.id))!.status).toBe('Pending');
    expect((await store.getOrder(created[8]!.order.id))!.status).toBe('Confirmed');
    await store.close();
  });

  it('numbers two streams in one group without holes when a command between them is refused, and the heads are stored once', async () => {
    const path = join(dir, 'two-streams.db');
    const store = SqliteStore.open(path);
    await store.upsertRestaurant({ id: 'r1', name: 'One' });
    await store.upsertRestaurant({ id: 'r2', name: 'Two' });
    // One group: r1, r2, r1, r2, ... (creations, seqs 1..5 in each stream).
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => store.createOrder({ ...newOrder, restaurantId: i % 2 ? 'r2' : 'r1' })));
    expect(created.map((c) => `${c.event.restaurantId}:${c.event.seq}`)).toEqual(['r1:1', 'r2:1', 'r1:2', 'r2:2', 'r1:3', 'r2:3', 'r1:4', 'r2:4', 'r1:5', 'r2:5']);

    // One group again, with refusals in the middle of each stream (Pending -> Delivered is not allowed).
    const refused = new Set([2, 5]);
    const outcomes = await Promise.allSettled(
      created.map(({ order }, i) =>
        store.transition(order.id, 'chef', (current) => ({ to: decideTransition({ current: current.status, to: refused.has(i) ? 'Delivered' : undefined }), reason: null })),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(created.map((_, i) => (refused.has(i) ? 'rejected' : 'fulfilled')));
    const seqs = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [`${o.value.event.restaurantId}:${o.value.event.seq}`] : []));
    expect(seqs).toEqual(['r1:6', 'r2:6', 'r2:7', 'r1:7', 'r1:8', 'r2:8', 'r1:9', 'r2:9']);
    expect(await store.headSeq('r1')).toBe(9);
    expect(await store.headSeq('r2')).toBe(9);

    // A refusal alone in its group takes no seq either.
    await expect(store.transition(created[2]!.order.id, 'chef', () => ({ to: decideTransition({ current: 'Pending', to: 'Delivered' }), reason: null }))).rejects.toThrow();
    const next = await store.transition(created[0]!.order.id, 'chef', (current) => ({ to: decideTransition({ current: current.status }), reason: null }));
    expect(next.event.seq).toBe(10);
    await store.close();

    const db = new Database(path, { readonly: true });
    try {
      expect(verifyStore(db).problems).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('replays after a restart to the state it served live: the same events, heads and orders', async () => {
    const path = join(dir, 'replay.db');
    let store = SqliteStore.open(path);
    await store.upsertRestaurant({ id: 'r1', name: 'One' });
    await store.upsertRestaurant({ id: 'r2', name: 'Two' });
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => store.createOrder({ ...newOrder, restaurantId: i % 3 ? 'r1' : 'r2' })));
    // Several groups of advances, some refused, and a cancel.
    for (let round = 0; round < 4; round++) {
      await Promise.allSettled(
        created.map(({ order }, i) =>
          store.transition(order.id, 'chef', (current) => ({ to: decideTransition({ current: current.status, to: (i + round) % 5 === 0 ? 'Pending' : undefined }), reason: null })),
        ),
      );
    }
    await store.transition(created[1]!.order.id, 'chef', () => ({ to: 'Cancelled', reason: 'test' })).catch(() => undefined);
    const live = { events: await store.allEvents(), heads: [await store.headSeq('r1'), await store.headSeq('r2')], orders: await store.listOrders({}) };
    expect(live.events.length).toBeGreaterThan(12);
    await store.close();

    store = SqliteStore.open(path);
    expect(await store.allEvents()).toEqual(live.events);
    expect([await store.headSeq('r1'), await store.headSeq('r2')]).toEqual(live.heads);
    const orders = await store.listOrders({});
    expect(orders).toEqual(live.orders);
    for (const order of orders) expect(foldOrder(await store.orderEvents(order.id))).toEqual(order);
    // The stream goes on from the stored head.
    const after = await store.createOrder(newOrder);
    expect(after.event.seq).toBe(live.heads[0]! + 1);
    await store.close();
  });
});
