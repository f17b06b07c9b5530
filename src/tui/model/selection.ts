import type { BoardColumn } from './columns.js';

/**
 * The selected ticket, by id, and where it is. It follows its ticket wherever the ticket goes on the
 * board (bumped here or on another screen). When the ticket leaves the board the selection is `gone`:
 * nothing is selected (Enter only says so) until the cook moves, and the move starts from where it was.
 */
export interface Selection {
  orderId: string;
  column: number;
  index: number;
  gone?: boolean;
}

export type Direction = 'up' | 'down' | 'left' | 'right';
/** Jumps: Home/g the first, End/G the last, PgUp/PgDn a page. */
export type Jump = 'first' | 'last' | 'pageUp' | 'pageDown';

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

/** The ticket nearest to where a gone selection was: its place in its column, else the nearest column. */
function nearestTo(columns: readonly BoardColumn[], place: Selection): Selection | undefined {
  const same = at(columns, place.column, place.index);
  if (same) return same;
  for (let distance = 1; distance < columns.length; distance++) {
    const nearest = at(columns, place.column - distance, place.index) ?? at(columns, place.column + distance, place.index);
    if (nearest) return nearest;
  }
  return undefined;
}

/** Where a ticket is on the board, by id. */
function findTicket(columns: readonly BoardColumn[], orderId: string): Selection | undefined {
  for (let c = 0; c < columns.length; c++) {
    const index = columns[c]!.orders.findIndex((order) => order.id === orderId);
    if (index >= 0) return { orderId, column: c, index };
  }
  return undefined;
}

/**
 * Keeps the selection on its ticket, by id, in whatever column the ticket is now. A ticket that left
 * the board (or the filter) leaves the selection gone, until the cook moves or that ticket comes back;
 * only a fresh board (no selection yet) selects the oldest ticket by itself.
 */
export function reconcileSelection(columns: readonly BoardColumn[], previous: Selection | undefined): Selection | undefined {
  if (!previous) return oldestSelection(columns);
  if (previous.gone) {
    // Its ticket is back (an undone final bump or cancel): it is the cook's choice still.
    const back = findTicket(columns, previous.orderId);
    return back ?? previous;
  }
  for (let c = 0; c < columns.length; c++) {
    const index = columns[c]!.orders.findIndex((order) => order.id === previous.orderId);
    if (index >= 0) return c === previous.column && index === previous.index ? previous : { orderId: previous.orderId, column: c, index };
  }
  return { ...previous, gone: true };
}

/**
 * After the cook changed the filter: the ticket the selection is on (or was on) if it shows, else the
 * oldest one that shows. A filter is the cook's own move, so it never leaves nothing selected.
 */
export function refilterSelection(columns: readonly BoardColumn[], previous: Selection | undefined): Selection | undefined {
  const kept = previous ? reconcileSelection(columns, { ...previous, gone: false }) : undefined;
  return kept && !kept.gone ? kept : (oldestSelection(columns) ?? kept);
}

/**
 * Moves the selection. In columns, up and down stay in the column; in the list (`flowing`), where the
 * statuses follow one another, they carry on into the next or previous status. From a gone selection
 * any move selects the ticket now nearest to where it was.
 */
export function moveSelection(columns: readonly BoardColumn[], current: Selection | undefined, direction: Direction, flowing = false): Selection | undefined {
  if (!current) return oldestSelection(columns);
  if (current.gone) return nearestTo(columns, current) ?? current;
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

/**
 * Jumps within the selected column (columns), or through the whole list (`flowing`): first, last, or
 * `page` tickets up or down.
 */
export function jumpSelection(columns: readonly BoardColumn[], current: Selection | undefined, jump: Jump, page: number, flowing = false): Selection | undefined {
  const from = !current ? oldestSelection(columns) : current.gone ? nearestTo(columns, current) : current;
  if (!from) return current;
  const places: Selection[] = [];
  columns.forEach((column, c) => {
    if (!flowing && c !== from.column) return;
    column.orders.forEach((order, index) => places.push({ orderId: order.id, column: c, index }));
  });
  if (places.length === 0) return from;
  const here = Math.max(
    0,
    places.findIndex((place) => place.orderId === from.orderId),
  );
  const step = Math.max(1, page);
  const target = jump === 'first' ? 0 : jump === 'last' ? places.length - 1 : jump === 'pageUp' ? Math.max(0, here - step) : Math.min(places.length - 1, here + step);
  return places[target];
}
