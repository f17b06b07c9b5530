import { describe, expect, it } from 'vitest';
import { changeStatus, foldOrder } from '../src/domain/fold.js';
import { creationDraft, numbered, transitionDraft } from '../src/domain/order-events.js';
import { HAPPY_PATH, nextStatus } from '../src/domain/transitions.js';

const T0 = '2026-01-01T12:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('order events: decide, then evolve by the fold', () => {
  it('a created order walked along the happy path is the fold of its events', () => {
    const created = creationDraft('ABC123', { restaurantId: 'r1', customerId: 'u1', customerName: 'Ada', items: [{ name: 'Soup', qty: 2 }], amount: 9, actor: 'u1' }, T0);
    expect(created.order).toMatchObject({ id: 'ABC123', status: 'Pending', version: 1, createdAt: T0, updatedAt: T0 });
    expect(created.event).toMatchObject({ type: 'OrderCreated', from: null, to: 'Pending', version: 1, details: { customerName: 'Ada', amount: 9 } });

    const appended = [numbered(created, 1, 'e')];
    let order = created.order;
    for (const [i, to] of HAPPY_PATH.slice(1).entries()) {
      const draft = transitionDraft(order, { to, reason: null }, 'chef', at(i + 1));
      expect(draft.event).toMatchObject({ type: 'OrderStatusChanged', from: order.status, to, version: order.version + 1, actor: 'chef' });
      appended.push(numbered(draft, i + 2, 'e'));
      order = draft.order;
    }
    expect(order).toMatchObject({ status: 'Delivered', version: 5, createdAt: T0, updatedAt: at(4) });
    expect(foldOrder(appended.map((a) => a.event))).toEqual(order);
    expect(appended.map((a) => a.event.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('moves status, version and updatedAt in one function, and nothing else', () => {
    const { order } = creationDraft('X', { restaurantId: 'r1', customerId: null, customerName: 'Walk-in', items: [], amount: 0, actor: 'a' }, T0);
    expect(changeStatus(order, { to: 'Cancelled', version: 2, timestamp: at(1) })).toEqual({ ...order, status: 'Cancelled', version: 2, updatedAt: at(1) });
  });

  it('has one happy path, which advance follows', () => {
    expect(HAPPY_PATH).toEqual(['Pending', 'Confirmed', 'Preparing', 'Out for Delivery', 'Delivered']);
    expect(HAPPY_PATH.slice(0, -1).map(nextStatus)).toEqual(HAPPY_PATH.slice(1));
    expect(nextStatus('Delivered')).toBeUndefined();
    expect(nextStatus('Cancelled')).toBeUndefined();
  });
});
