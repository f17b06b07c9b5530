import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideTransition } from '../src/domain/transitions.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
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
});
