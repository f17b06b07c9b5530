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

/**
 * Moves the selection. In columns, up and down stay in the column; in the list (`flowing`), where the
 * statuses follow one another, they carry on into the next or previous status.
 */
export function moveSelection(columns: readonly BoardColumn[], current: Selection | undefined, direction: Direction, flowing = false): Selection | undefined {
  if (!current) return oldestSelection(columns);
  if (direction === 'up' || direction === 'down') {
    const step = direction === 'down' ? 1 : -1;
    const length = columns[current.column]?.orders.length ?? 0;
    const index = current.index + step;
    if (index >= 0 && index < length) return at(columns, current.column, index);
    if (!flowing) return current;
    for (let column = current.column + step; column >= 0 && column < columns.length; column += step) {
      const size = columns[column]!.orders.length;
      if (size > 0) return at(columns, column, step > 0 ? 0 : size - 1);
    }
    return current;
  }
  const step = direction === 'right' ? 1 : -1;
  for (let column = current.column + step; column >= 0 && column < columns.length; column += step) {
    const next = at(columns, column, current.index);
    if (next) return next;
  }
  return current;
}
