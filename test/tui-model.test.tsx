import { describe, expect, it } from 'vitest';
import { ageLevel, formatAge, sameShownAge } from '../src/tui/model/age.js';
import { allDayTotals } from '../src/tui/model/all-day.js';
import { toColumns } from '../src/tui/model/columns.js';
import { cutPiecesToWidth } from '../src/tui/model/display-width.js';
import { matchesFilter } from '../src/tui/model/order-filter.js';
import { moveSelection, oldestSelection, reconcileSelection, refilterSelection } from '../src/tui/model/selection.js';
import { windowAround } from '../src/tui/model/ticket-layout.js';
import { splitKeys } from '../src/tui/model/key-chunks.js';
import { TicketNumbers } from '../src/tui/model/ticket-numbers.js';
import { makeOrder } from './helpers/kitchen-fixtures.js';

const T0 = Date.parse('2026-01-01T12:00:00Z');

describe('ticket age', () => {
  it('formats mm:ss, then h:mm:ss, never negative', () => {
    expect(formatAge(0)).toBe('00:00');
    expect(formatAge(65_999)).toBe('01:05');
    expect(formatAge(3_725_000)).toBe('1:02:05');
    expect(formatAge(-5000)).toBe('00:00');
  });
  it('turns warn and late at the thresholds, inclusive', () => {
    const thresholds = { warnMs: 300_000, lateMs: 480_000 };
    expect(ageLevel(299_999, thresholds)).toBe('fresh');
    expect(ageLevel(300_000, thresholds)).toBe('warn');
    expect(ageLevel(480_000, thresholds)).toBe('late');
  });
  it('reads the same while the whole seconds and the level stay', () => {
    const thresholds = { warnMs: 300_000, lateMs: 480_000 };
    expect(sameShownAge(T0, T0 + 1_000, T0 + 1_999, thresholds)).toBe(true);
    expect(sameShownAge(T0, T0 + 1_999, T0 + 2_000, thresholds)).toBe(false);
    // A clock a little behind the server shows 00:00 either way.
    expect(sameShownAge(T0, T0 - 3_000, T0 - 1, thresholds)).toBe(true);
  });
});

describe('cutPiecesToWidth', () => {
  it('keeps a line that fits as it is', () => {
    const pieces = ['▸', ' ', 'ABC', ' ', '2× Soup'];
    expect(cutPiecesToWidth(pieces, 13)).toBe(pieces);
  });
  it('cuts where the width ends, with … in the piece the cut falls in, and leaves out the pieces after it', () => {
    expect(cutPiecesToWidth(['ab', ' ', 'cdefgh', 'ij'], 7)).toEqual(['ab', ' ', 'cde…', '']);
  });
  it('puts the … on the last piece anything was kept from when the cut falls between pieces', () => {
    expect(cutPiecesToWidth(['abc', 'de', 'fg'], 4)).toEqual(['abc…', '', '']);
    expect(cutPiecesToWidth(['abc', '', 'de'], 4)).toEqual(['abc…', '', '']);
  });
  it('leaves a wide character that would straddle the edge out whole, as cutToWidth does', () => {
    expect(cutPiecesToWidth(['ab', '寿司'], 4)).toEqual(['ab…', '']);
    expect(cutPiecesToWidth(['ab', '寿司'], 5)).toEqual(['ab', '寿…']);
  });
  it('answers … alone for one cell, and nothing for none', () => {
    expect(cutPiecesToWidth(['ab', 'c'], 1)).toEqual(['…', '']);
    expect(cutPiecesToWidth(['ab', 'c'], 0)).toEqual(['', '']);
  });
});

describe('selection', () => {
  const columns = () =>
    toColumns([
      makeOrder('A', T0 - 5000, { status: 'Preparing' }),
      makeOrder('B', T0 - 4000),
      makeOrder('C', T0 - 3000),
      makeOrder('D', T0 - 2000, { status: 'Out for Delivery' }),
    ]);

  it('starts on the oldest ticket, whatever its column', () => {
    expect(oldestSelection(columns())).toEqual({ orderId: 'A', column: 2, index: 0 });
  });

  it('skips empty columns sideways and stops at the edges', () => {
    const start = oldestSelection(columns());
    const left = moveSelection(columns(), start, 'left');
    expect(left?.orderId).toBe('B');
    expect(moveSelection(columns(), left, 'left')).toEqual(left);
    expect(moveSelection(columns(), left, 'down')?.orderId).toBe('C');
    expect(moveSelection(columns(), start, 'right')?.orderId).toBe('D');
  });

  it('runs up and down through all statuses in the list, and stays in the column otherwise', () => {
    const onC = { orderId: 'C', column: 0, index: 1 };
    expect(moveSelection(columns(), onC, 'down')).toEqual(onC);
    expect(moveSelection(columns(), onC, 'down', true)?.orderId).toBe('A');
    const onA = { orderId: 'A', column: 2, index: 0 };
    expect(moveSelection(columns(), onA, 'up', true)?.orderId).toBe('C');
    const onD = { orderId: 'D', column: 3, index: 0 };
    expect(moveSelection(columns(), onD, 'down', true)).toEqual(onD);
  });

  it('follows the selected ticket by id into its new column; when it leaves, nothing is selected until a move', () => {
    const cols = columns();
    const onB = { orderId: 'B', column: 0, index: 0 };
    const bumped = toColumns(cols.flatMap((column) => column.orders).map((order) => (order.id === 'B' ? { ...order, status: 'Confirmed' as const } : order)));
    const followed = reconcileSelection(bumped, onB);
    expect(followed).toMatchObject({ orderId: 'B', column: 1 });
    expect(followed?.gone).toBeUndefined();
    const withoutB = toColumns(cols.flatMap((column) => column.orders).filter((order) => order.id !== 'B'));
    const gone = reconcileSelection(withoutB, onB);
    expect(gone?.gone).toBe(true);
    // It stays gone, whatever the board does, until the cook moves; the move starts where B was.
    expect(reconcileSelection(withoutB, gone)?.gone).toBe(true);
    expect(moveSelection(withoutB, gone, 'down')?.orderId).toBe('C');
    const onlyD = toColumns([makeOrder('D', T0, { status: 'Out for Delivery' })]);
    expect(moveSelection(onlyD, gone, 'up')?.orderId).toBe('D');
    expect(moveSelection(toColumns([]), gone, 'up')?.gone).toBe(true);
  });
});

describe('selection under a new filter', () => {
  it('keeps the ticket if it shows, else takes the oldest that shows: the filter is the cook\'s own move', () => {
    const all = toColumns([makeOrder('A', T0 - 5000), makeOrder('B', T0 - 4000, { status: 'Confirmed' })]);
    const onlyB = toColumns([makeOrder('B', T0 - 4000, { status: 'Confirmed' })]);
    const onA = { orderId: 'A', column: 0, index: 0 };
    expect(refilterSelection(onlyB, onA)?.orderId).toBe('B');
    expect(refilterSelection(all, { ...onA, gone: true })).toMatchObject({ orderId: 'A' });
    expect(refilterSelection(all, { ...onA, gone: true })?.gone).toBeFalsy();
  });
});

describe('windowAround', () => {
  it('fits the selected entry with as many neighbours as fit, leaving rows for the more-markers', () => {
    expect(windowAround([1, 1, 1], 0, 10)).toEqual({ start: 0, end: 3 });
    const window = windowAround(Array(50).fill(1), 30, 10);
    expect(window.end - window.start).toBe(8);
    expect(window.start <= 30 && 30 < window.end).toBe(true);
  });
});

describe('filter and all-day', () => {
  const order = makeOrder('7KX2QP', T0, { customer: 'Ana Lopez', items: [{ name: 'Fish Tacos', qty: 2 }] });
  it('matches every word against id, customer and items, ignoring case', () => {
    expect(matchesFilter(order, '7kx')).toBe(true);
    expect(matchesFilter(order, 'ana tacos')).toBe(true);
    expect(matchesFilter(order, 'ana burger')).toBe(false);
    expect(matchesFilter(order, '  ')).toBe(true);
    const accented = makeOrder('ZOE001', T0, { customer: 'Zoë Müller', items: [{ name: 'Crème brûlée', qty: 1 }] });
    expect(matchesFilter(accented, 'zoe')).toBe(true);
    expect(matchesFilter(accented, 'MULLER creme')).toBe(true);
    expect(matchesFilter(order, 'ánà')).toBe(true);
  });
  it('adds up quantities per item, biggest first', () => {
    const totals = allDayTotals([order, makeOrder('X', T0, { items: [{ name: 'Fish Tacos', qty: 1 }, { name: 'Fries', qty: 5 }] })]);
    expect(totals).toEqual([
      { name: 'Fries', qty: 5, orders: 1 },
      { name: 'Fish Tacos', qty: 3, orders: 2 },
    ]);
  });
});

describe('keys that arrive in one read', () => {
  const none = splitKeys('x', { upArrow: false } as never)[0]!.key;
  it('are split into keys read as Ink reads each alone; one key passes through as it is', () => {
    const keys = splitKeys('j\r\u007f\u0003Zé👨‍👩‍👧', none);
    expect(keys.map((press) => press.input)).toEqual(['j', '', '', 'c', 'Z', 'é', '👨‍👩‍👧']);
    expect(keys[1]!.key.return).toBe(true);
    expect(keys[2]!.key.delete).toBe(true);
    expect(keys[3]!.key.ctrl).toBe(true);
    expect(keys[4]!.key.shift).toBe(true);
    expect(splitKeys('\r\n', none)).toHaveLength(1);
    expect(splitKeys('q', none)).toEqual([{ input: 'q', key: none }]);
  });
});

describe('ticket numbers', () => {
  const order = (id: string) => makeOrder(id, T0);
  it('keep each ticket\'s number while it is open, give the lowest free one to a newcomer, and hold a freed one a while', () => {
    const numbers = new TicketNumbers(3000, 3);
    expect([...numbers.update([order('A'), order('B'), order('C'), order('D')], 0)]).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ]);
    // A leaves: B and C keep theirs; D (no number yet) does not take 1 while it is held.
    expect(numbers.update([order('B'), order('C'), order('D')], 1000).get('D')).toBeUndefined();
    expect(numbers.holder(1)).toBeUndefined();
    expect(numbers.lastHolder(1)).toEqual({ orderId: 'A', at: 1000 });
    const later = numbers.update([order('B'), order('C'), order('D')], 4000);
    expect([...later].sort()).toEqual([
      ['B', 2],
      ['C', 3],
      ['D', 1],
    ]);
    expect(numbers.holder(1)).toBe('D');
  });
});
