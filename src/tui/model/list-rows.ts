import type { Order } from '../../protocol/model.js';
import { cellWidth, cutToWidth, wrapWords } from './display-width.js';
import { allergyTexts, oneLineItems, oneLineNote } from './ticket-lines.js';

/** How a piece of a list row is drawn: an allergy bold (its row's `!!` is inverse), a note in italics. */
export type ListPieceStyle = 'allergy' | 'items' | 'note';

export interface ListPiece {
  style: ListPieceStyle;
  text: string;
}

/** One row of a ticket in the narrow list: the first after the ticket's fixed fields, the others after an indent. */
export type ListRow = ListPiece[];

/** Fewest cells the items of a ticket get after its allergies before they move to a row of their own. */
const MIN_ITEMS_CELLS = 12;

const rowCells = (row: ListRow): number => row.reduce((sum, piece) => sum + cellWidth(piece.text), 0);

/**
 * A ticket's text in the narrow list, as rows: the first row is `firstWidth` cells (what its fixed
 * fields leave), each further row `restWidth`. Every allergy (items, modifiers, the note; see
 * `allergyTexts`) comes first and is wrapped onto as many rows as it needs, never cut; then the items,
 * cut at the end of their row (`o` opens the ticket); then a plain note after the items if it fits
 * there whole, else on a row of its own (cut only if longer than that row), so it is never cut to
 * nothing. All text is inert (from ticket-lines). The rows are shared: do not change them.
 */
export function listRows(order: Order, firstWidth: number, restWidth: number): readonly ListRow[] {
  // An order is never changed in place (a change is a new object), so the object is the key, as in cardLines.
  let byWidth = laidOut.get(order);
  if (!byWidth) laidOut.set(order, (byWidth = new Map()));
  const key = `${firstWidth}/${restWidth}`;
  let rows = byWidth.get(key);
  if (!rows) byWidth.set(key, (rows = layOut(order, firstWidth, restWidth)));
  return rows;
}

/** Rows already laid out, per order and widths: a busy list lays out only the tickets that changed. */
const laidOut = new WeakMap<Order, Map<string, readonly ListRow[]>>();

function layOut(order: Order, firstWidth: number, restWidth: number): ListRow[] {
  const first = Math.max(1, firstWidth);
  const rest = Math.max(1, restWidth);
  const widthOf = (row: number) => (row === 0 ? first : rest);
  const rows: ListRow[] = [];
  const allergies = allergyTexts(order).join('; ');
  const items = oneLineItems(order, true);
  let itemsWhole = true;
  if (allergies) {
    const [head = '', ...tail] = wrapWords(allergies, first);
    rows.push([{ style: 'allergy', text: head }]);
    if (tail.length > 0) for (const text of wrapWords(tail.join(' '), rest)) rows.push([{ style: 'allergy', text }]);
    const last = rows.at(-1)!;
    const room = widthOf(rows.length - 1) - rowCells(last) - 3;
    if (room >= Math.min(MIN_ITEMS_CELLS, cellWidth(items))) {
      last.push({ style: 'items', text: ` · ${cutToWidth(items, room)}` });
      itemsWhole = cellWidth(items) <= room;
    } else {
      rows.push([{ style: 'items', text: cutToWidth(items, rest) }]);
      itemsWhole = cellWidth(items) <= rest;
    }
  } else {
    rows.push([{ style: 'items', text: cutToWidth(items, first) }]);
    itemsWhole = cellWidth(items) <= first;
  }
  const note = oneLineNote(order, true);
  if (note) {
    const last = rows.at(-1)!;
    if (itemsWhole && rowCells(last) + 3 + cellWidth(note) <= widthOf(rows.length - 1)) last.push({ style: 'note', text: ` — ${note}` });
    else rows.push([{ style: 'note', text: cutToWidth(note, rest) }]);
  }
  return rows;
}
