import { describe, expect, it } from 'vitest';
import { RestaurantBoard } from '../src/client/restaurant-board.js';
import { firstDifference } from '../src/drill/divergence.js';
import type { Order } from '../src/protocol/model.js';

const order = (id: string, status: Order['status'], version: number): Order => ({
  id,
  restaurantId: 'r1',
  customerId: null,
  customerName: 'walk-in',
  items: [{ name: 'Soup', qty: 1 }],
  amount: 5,
  status,
  version,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function board(seq: number, orders: Order[]): RestaurantBoard {
  const b = new RestaurantBoard('r1');
  b.loadSnapshot({ room: 'restaurant_r1', epoch: 'e', seq, orders });
  return b;
}

describe('what the drill calls a divergence', () => {
  it('is nothing when the board equals the store', () => {
    expect(firstDifference(board(3, [order('a', 'Confirmed', 2)]), { seq: 3, orders: [order('a', 'Confirmed', 2)] })).toBeUndefined();
  });

  it('names the order and what was expected and seen', () => {
    const expected = { seq: 4, orders: [order('a', 'Preparing', 3)] };
    expect(firstDifference(board(3, [order('a', 'Confirmed', 2)]), expected)).toEqual({
      kind: 'order',
      orderId: 'a',
      expected: { status: 'Preparing', version: 3 },
      seen: { status: 'Confirmed', version: 2 },
    });
    expect(firstDifference(board(4, []), expected)).toMatchObject({ orderId: 'a', seen: null });
    expect(firstDifference(board(4, [order('a', 'Preparing', 3), order('b', 'Pending', 1)]), expected)).toMatchObject({
      orderId: 'b',
      expected: null,
      seen: { status: 'Pending', version: 1 },
    });
  });

  it('catches a board that is behind the stream head with the same open orders', () => {
    expect(firstDifference(board(3, []), { seq: 5, orders: [] })).toEqual({ kind: 'seq', orderId: null, expected: { seq: 5 }, seen: { seq: 3 } });
  });
});
