import type { BoardColumn } from './columns.js';
import { CARD_FRAME_ROWS, ticketHeight, windowAround } from './ticket-layout.js';

/** What a status column of the wide board shows: body rows a card may take, and the slice of its tickets in view. */
export interface ColumnWindow {
  maxBody: number;
  start: number;
  end: number;
}

/**
 * The tickets a column `width` cells wide and `height` rows high shows, scrolled to keep the selected
 * one in view. A card shows every row it has while the column has room for it: only a ticket taller
 * than the whole column folds ("+N more lines").
 */
export function columnWindow(column: BoardColumn, width: number, height: number, selectedId: string | undefined): ColumnWindow {
  const cardWidth = width - 1;
  // Everything but the title, the card's id and customer rows, and one row for a "↓ N more" marker
  // (the gap below the card may fall off the bottom).
  const maxBody = Math.max(1, height - 1 - (CARD_FRAME_ROWS - 1) - 1);
  const heights = column.orders.map((order) => ticketHeight(order, cardWidth, maxBody));
  const selected = column.orders.findIndex((order) => order.id === selectedId);
  const { start, end } = windowAround(heights, selected < 0 ? 0 : selected, height - 1);
  return { maxBody, start, end };
}

/** Cells each status column of the wide board gets. */
export const columnWidth = (width: number, columns: readonly BoardColumn[]): number => Math.floor(width / columns.length);
