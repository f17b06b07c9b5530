import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { ageLabel, type AgeThresholds } from './age.js';
import type { BoardColumn } from './columns.js';
import { cellWidth } from './display-width.js';
import { listRows, type ListRow } from './list-rows.js';
import { windowAround } from './ticket-layout.js';
import { ALLERGY_MARK } from './ticket-lines.js';

/** A line of the narrow list: a status title, or a ticket with its rows and the cells before its text. */
export type Line = { kind: 'status'; column: BoardColumn } | { kind: 'ticket'; order: Order; rows: readonly ListRow[]; lead: number };

/** Cells of the customer's column in the list. */
export const CUSTOMER_CELLS = 12;

/** Fewest cells the rows under a ticket's first row keep for text; narrower, they start near the left edge. */
const MIN_TEXT_CELLS = 20;

/** Cells of a ticket's fixed fields, up to where its text starts: marker, number, id, timer, NEW, customer, `!!`. */
const leadCells = (idCells: number, timerCells: number) => 3 + idCells + 1 + timerCells + 1 + 3 + 1 + CUSTOMER_CELLS + 1 + ALLERGY_MARK.length + 1;

/** Where a ticket's rows below the first start: under its text, or near the edge when that leaves too little. */
export const indentOf = (lead: number, width: number) => (width - lead >= MIN_TEXT_CELLS ? lead : 4);

/**
 * The list's lines (a status title, or a ticket and its rows) for a body `width` cells wide and
 * `height` rows high. A ticket takes one row, more when an allergy wraps or its note has a row of its
 * own; one taller than the body (allergies longer than the whole screen) shows what fits beside the
 * "↑ ↓ N more" markers and ends with a row saying how many more and that `o` opens it, rather than be
 * clipped without a word.
 */
export function listLines(columns: readonly BoardColumn[], width: number, height: number, marks: { now: number; thresholds: AgeThresholds }): Line[] {
  const idCells = listIdCells(columns);
  const lines: Line[] = [];
  for (const column of columns) {
    lines.push({ kind: 'status', column });
    for (const order of column.orders) {
      const lead = leadCells(idCells, cellWidth(ageLabel(marks.now - Date.parse(order.createdAt), marks.thresholds)));
      lines.push({ kind: 'ticket', order, lead, rows: fitRows(listRows(order, width - lead, width - indentOf(lead, width)), height - 2) });
    }
  }
  return lines;
}

/** A ticket's rows within `most` rows: the rest folded into a last row that says how many and how to see them. */
function fitRows(rows: readonly ListRow[], most: number): readonly ListRow[] {
  if (rows.length <= Math.max(2, most)) return rows;
  const kept = Math.max(1, most - 1);
  return [...rows.slice(0, kept), [{ style: 'items', text: `+${rows.length - kept} more rows · o opens the ticket` }]];
}

/** Cells of the id column: the longest id on the board, 4 to 12. */
export const listIdCells = (columns: readonly BoardColumn[]) =>
  Math.min(12, Math.max(4, ...columns.flatMap((column) => column.orders.map((order) => cellWidth(inertText(order.id))))));

const lineHeight = (line: Line) => (line.kind === 'ticket' ? line.rows.length : 1);

/** Which of the list's lines fit in `height` rows around the selected ticket, and the ids of the tickets among them. */
export function listWindow(lines: readonly Line[], selectedId: string | undefined, height: number): { start: number; end: number; ids: Set<string> } {
  const selected = lines.findIndex((line) => line.kind === 'ticket' && line.order.id === selectedId);
  const { start, end } = windowAround(lines.map(lineHeight), selected < 0 ? 0 : selected, height);
  const ids = new Set<string>();
  for (const line of lines.slice(start, end)) if (line.kind === 'ticket') ids.add(line.order.id);
  return { start, end, ids };
}

