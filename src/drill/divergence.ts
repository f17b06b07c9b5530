import type { RestaurantBoard } from '../client/restaurant-board.js';
import type { Status } from '../protocol/status.js';
import type { Expected } from './truth.js';

type Seen = { status: Status; version: number } | null;

/** Where a watcher's board differs from the store: the stream's head, or one order. */
export type Difference =
  | { kind: 'seq'; orderId: null; expected: { seq: number }; seen: { seq: number } }
  | { kind: 'order'; orderId: string; expected: Seen; seen: Seen };

const brief = (order: { status: Status; version: number } | undefined): Seen => (order ? { status: order.status, version: order.version } : null);

export function firstDifference(board: RestaurantBoard, expected: Expected): Difference | undefined {
  for (const order of expected.orders) {
    const seen = board.orders.get(order.id);
    if (!seen || seen.status !== order.status || seen.version !== order.version) {
      return { kind: 'order', orderId: order.id, expected: brief(order), seen: brief(seen) };
    }
  }
  if (board.orders.size !== expected.orders.length) {
    const open = new Set(expected.orders.map((order) => order.id));
    const extra = [...board.orders.values()].find((order) => !open.has(order.id));
    if (extra) return { kind: 'order', orderId: extra.id, expected: null, seen: brief(extra) };
  }
  if (board.seq !== expected.seq) return { kind: 'seq', orderId: null, expected: { seq: expected.seq }, seen: { seq: board.seq } };
  return undefined;
}
