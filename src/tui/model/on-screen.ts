import type { AgeThresholds } from './age.js';
import { columnWidth, columnWindow } from './column-layout.js';
import type { BoardColumn } from './columns.js';
import { listLines, listWindow } from './list-layout.js';

export interface ScreenLayout {
  /** The narrow list (true) or the wide board's columns. */
  flowing: boolean;
  /** Cells and rows of the board's body. */
  width: number;
  height: number;
  selectedId: string | undefined;
  /** The server's time and the lateness thresholds: the list's timers are part of its layout. */
  now: number;
  thresholds: AgeThresholds;
}

/**
 * The ids of the tickets the body shows, laid out as BoardList and StatusColumn lay them out: those
 * scrolled out of view (under "↓ N more") are not among them. A number key bumps only a ticket the
 * cook can see.
 */
export function ticketsOnScreen(columns: readonly BoardColumn[], layout: ScreenLayout): Set<string> {
  const { flowing, width, height, selectedId } = layout;
  if (flowing) return listWindow(listLines(columns, width, height, layout), selectedId, height).ids;
  const ids = new Set<string>();
  for (const column of columns) {
    const { start, end } = columnWindow(column, columnWidth(width, columns), height, selectedId);
    for (const order of column.orders.slice(start, end)) ids.add(order.id);
  }
  return ids;
}
