import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { foldOrders } from '../src/domain/fold.js';
import { RtcError } from '../src/protocol/errors.js';
import { STATUSES } from '../src/protocol/status.js';
import { decideTransition } from '../src/domain/transitions.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const action = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), restaurant: fc.constantFrom('r1', 'r2') }),
  fc.record({
    kind: fc.constant('change' as const),
    pick: fc.nat(),
    to: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
  }),
);

describe('event store', () => {
  it('folding the stored events always equals the read model, with gap-free seq and versions', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
        const store = SqliteStore.open(join(dir, `fold-${run++}.db`));
        await store.upsertRestaurant({ id: 'r1', name: 'One' });
        await store.upsertRestaurant({ id: 'r2', name: 'Two' });
        const ids: string[] = [];
        for (const a of actions) {
          if (a.kind === 'create') {
            const { order } = await store.createOrder({ restaurantId: a.restaurant, customerId: null, customerName: 'x', items: [{ name: 'Soup', qty: 1 }], amount: 5, actor: 'chef' });
            ids.push(order.id);
          } else if (ids.length) {
            await store
              .transition(ids[a.pick % ids.length]!, 'chef', (order) => ({ to: decideTransition({ current: order.status, to: a.to }), reason: null }))
              .catch((error) => expect(error).toBeInstanceOf(RtcError));
          }
        }
        const events = await store.allEvents();
        const folded = foldOrders(events);
        const readModel = await store.listOrders({});
        expect(readModel.length).toBe(folded.size);
        for (const order of readModel) expect(folded.get(order.id)).toEqual(order);
        for (const restaurant of ['r1', 'r2']) {
          const seqs = events.filter((e) => e.restaurantId === restaurant).map((e) => e.seq);
          expect(seqs).toEqual(seqs.map((_, i) => i + 1));
          expect(await store.headSeq(restaurant)).toBe(seqs.length);
        }
        await store.close();
      }),
      { numRuns: 25 },
    );
  });

  it('a refused change leaves no event and no read-model change', async () => {
    const store = SqliteStore.open(join(dir, 'refused.db'));
    await store.upsertRestaurant({ id: 'r1', name: 'One' });
    const { order } = await store.createOrder({ restaurantId: 'r1', customerId: null, customerName: 'x', items: [{ name: 'Tea', qty: 1 }], amount: 2, actor: 'a' });
    await expect(
      store.transition(order.id, 'a', (o) => ({ to: decideTransition({ current: o.status, to: 'Delivered' }), reason: null })),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await store.allEvents()).toHaveLength(1);
    expect(await store.getOrder(order.id)).toEqual(order);
    await store.close();
  });

  it('keeps its epoch across reopening and refuses to edit events', async () => {
    const path = join(dir, 'epoch.db');
    const first = SqliteStore.open(path);
    const epoch = first.epoch;
    await first.close();
    const again = SqliteStore.open(path);
    expect(again.epoch).toBe(epoch);
    await again.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(4);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.prepare("INSERT INTO restaurants (id, name) VALUES ('r', 'R')").run();
    raw.prepare("INSERT INTO events (restaurant_id, seq, order_id, version, type, to_status, actor, timestamp) VALUES ('r', 1, 'o', 1, 'OrderCreated', 'Pending', 'a', 't')").run();
    expect(() => raw.prepare('UPDATE events SET actor = ?').run('b')).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    raw.close();
  });
});
