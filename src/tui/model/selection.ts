import type { BoardColumn } from './columns.js';

/** The selected ticket, and where it was, so that when it leaves its column the one after it is selected. */
export interface Selection {
  orderId: string;
  column: number;
  index: number;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

function at(columns: readonly BoardColumn[], column: number, index: number): Selection | undefined {
  const orders = columns[column]?.orders;
  if (!orders || orders.length === 0) return undefined;
  const clamped = Math.max(0, Math.min(index, orders.length - 1));
  return { orderId: orders[clamped]!.id, column, index: clamped };
}

/** The oldest ticket on the board: what a fresh board selects. */
export function oldestSelection(columns: readonly BoardColumn[]): Selection | undefined {
  let best: Selection | undefined;
  let bestCreated = '';
  columns.forEach((column, c) => {
    const first = column.orders[0];
    if (first && (best === undefined || first.createdAt < bestCreated)) {
      best = { orderId: first.id, column: c, index: 0 };
      bestCreated = first.createdAt;
    }
  });
  return best;
}

/**
 * Keeps the selection on the same ticket while it stays in its column. When it moves on (bumped here
 * or on another screen) or goes away, the ticket now in its place is selected, so repeated Enter works
 * through a column; an emptied column hands over to the nearest one with tickets.
 */
export function reconcileSelection(columns: readonly BoardColumn[], previous: Selection | undefined): Selection | undefined {
  if (!previous) return oldestSelection(columns);
  const here = columns[previous.column]?.orders.findIndex((order) => order.id === previous.orderId) ?? -1;
  if (here >= 0) return { ...previous, index: here };
  const same = at(columns, previous.column, previous.index);
  if (same) return same;
  for (let distance = 1; distance < columns.length; distance++) {
    const nearest = at(columns, previous.column - distance, previous.index) ?? at(columns, previous.column + distance, previous.index);
    if (nearest) return nearest;
  }
  return undefined;
}

export function moveSelection(columns: readonly BoardColumn[], current: Selection | undefined, direction: Direction): Selection | undefined {
  if (!current) return oldestSelection(columns);
  if (direction === 'up' || direction === 'down') {
    return at(columns, current.column, current.index + (direction === 'down' ? 1 : -1)) ?? current;
  }
  const step = direction === 'right' ? 1 : -1;
  for (let column = current.column + step; column >= 0 && column < columns.length; column += step) {
    const next = at(columns, column, current.index);
    if (next) return next;
  }
  return current;
}
