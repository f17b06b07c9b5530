import type { Order } from '../../protocol/model.js';
import { ticketLines, type TicketLine } from './ticket-lines.js';

export { formatItem } from './ticket-lines.js';

/** Rows around a card's body: id and timer, customer, and the gap below. */
export const CARD_FRAME_ROWS = 3;

/**
 * Which body rows a card shows in at most `maxRows`: all of them when they fit, else as many as fit
 * less one, which says how many more there are (the full ticket opens with `o`).
 */
export function visibleLines(lines: readonly TicketLine[], maxRows: number): { shown: TicketLine[]; hidden: number } {
  const room = Math.max(1, maxRows);
  if (lines.length <= room) return { shown: [...lines], hidden: 0 };
  const shown = Math.max(0, room - 1);
  return { shown: lines.slice(0, shown), hidden: lines.length - shown };
}

/**
 * Body rows already laid out, per order and card width. An order is never changed in place (a change
 * is a new object, with a new version), so the object itself is the key, and a finished order's rows
 * go with it. A busy board lays out only the tickets that changed, not all of them every frame.
 */
const laidOut = new WeakMap<Order, Map<number, readonly TicketLine[]>>();

/** A card's body rows for a card `width` cells wide (its bar and padding taken off). Do not change them: they are shared. */
export function cardLines(order: Order, width: number): readonly TicketLine[] {
  let byWidth = laidOut.get(order);
  if (!byWidth) laidOut.set(order, (byWidth = new Map()));
  let lines = byWidth.get(width);
  if (!lines) byWidth.set(width, (lines = ticketLines(order, Math.max(1, width - 2))));
  return lines;
}

/**
 * Rows a ticket card takes with at most `maxBody` body rows. Columns are cut to fit with this, for every
 * ticket at every frame, so it counts rather than slices: a folded body is `maxBody` rows, its last
 * the "+N more" row (see visibleLines).
 */
export function ticketHeight(order: Order, width: number, maxBody: number): number {
  return CARD_FRAME_ROWS + Math.min(cardLines(order, width).length, Math.max(1, maxBody));
}

/**
 * Which slice of a list fits in `space` rows and includes the selected entry: as many before it as
 * fit, then as many after. Rows for the "N more" markers are set aside when they are needed.
 */
export function windowAround(heights: readonly number[], selected: number, space: number): { start: number; end: number } {
  const total = heights.length;
  if (total === 0) return { start: 0, end: 0 };
  const focus = Math.max(0, Math.min(selected, total - 1));
  const fits = (start: number, end: number) => {
    let used = (start > 0 ? 1 : 0) + (end < total ? 1 : 0);
    for (let i = start; i < end; i++) used += heights[i]!;
    return used <= space;
  };
  let start = focus;
  let end = focus + 1;
  while (start > 0 && fits(start - 1, end)) start--;
  while (end < total && fits(start, end + 1)) end++;
  // Nothing fits (a tiny terminal): still show the selected entry, clipped.
  return { start, end };
}
