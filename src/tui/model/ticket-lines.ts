import { mentionsAllergy } from '../../domain/allergy.js';
import { inertText } from '../../protocol/inert-text.js';
import type { Order, OrderItem } from '../../protocol/model.js';
import { wrapWords } from './display-width.js';

// What counts as an allergy is decided in one place, src/domain/allergy.ts.
export { mentionsAllergy } from '../../domain/allergy.js';

/** Whether any item name, modifier or the note of the order mentions an allergy. */
export const hasAllergy = (order: Order): boolean =>
  mentionsAllergy(order.note) || order.items.some((item) => mentionsAllergy(item.name) || (item.mods ?? []).some((mod) => mentionsAllergy(mod)));

/**
 * How an allergy reads without colour: a marker, upper case; the component adds inverse video.
 * The marker is plain ASCII, one cell wide in every terminal.
 */
export const ALLERGY_MARK = '!!';

export type TicketLineKind = 'item' | 'mod' | 'note' | 'allergy';

/** One row of a ticket's body, already inert and cut to the card's width. */
export interface TicketLine {
  kind: TicketLineKind;
  text: string;
}

export const formatItem = (item: OrderItem): string => `${item.qty}× ${inertText(item.name)}`;

/** An item row: marked and in upper case when its name mentions an allergy (`!! 2× GLUTEN-FREE PASTA`). */
function itemText(item: OrderItem): { kind: TicketLineKind; text: string } {
  return mentionsAllergy(item.name) ? { kind: 'allergy', text: `${ALLERGY_MARK} ${formatItem(item).toUpperCase()}` } : { kind: 'item', text: formatItem(item) };
}

function modText(mod: string): { kind: TicketLineKind; text: string } {
  const safe = inertText(mod);
  return mentionsAllergy(safe) ? { kind: 'allergy', text: `${ALLERGY_MARK} ${safe.toUpperCase()}` } : { kind: 'mod', text: `· ${safe}` };
}

function noteText(note: string): { kind: TicketLineKind; text: string } {
  const safe = inertText(note);
  return mentionsAllergy(safe) ? { kind: 'allergy', text: `${ALLERGY_MARK} NOTE: ${safe.toUpperCase()}` } : { kind: 'note', text: `note: ${safe}` };
}

/**
 * A ticket's body as rows of at most `width` cells: each item, its modifiers under it (indented), then
 * the order's note. Long text wraps instead of being cut, so nothing the kitchen must read is lost;
 * the card decides how many rows it can show.
 */
export function ticketLines(order: Order, width: number): TicketLine[] {
  const lines: TicketLine[] = [];
  const push = (kind: TicketLineKind, text: string, indent: string) => {
    // The first row takes the full width; the rows it wraps onto are indented two more cells.
    const [first = '', ...rest] = wrapWords(text, Math.max(1, width - indent.length));
    lines.push({ kind, text: indent + first });
    if (rest.length === 0) return;
    for (const row of wrapWords(rest.join(' '), Math.max(1, width - indent.length - 2))) lines.push({ kind, text: `${indent}  ${row}` });
  };
  for (const item of order.items) {
    const { kind, text } = itemText(item);
    push(kind, text, '');
    for (const mod of item.mods ?? []) {
      const { kind, text } = modText(mod);
      push(kind, text, '  ');
    }
  }
  if (order.note) {
    const { kind, text } = noteText(order.note);
    push(kind, text, '');
  }
  return lines;
}

/** Every allergy mention of the order (items and their modifiers, then the note), inert and in upper case. */
export const allergyTexts = (order: Order): string[] => [
  ...order.items.flatMap((item) => [
    ...(mentionsAllergy(item.name) ? [formatItem(item).toUpperCase()] : []),
    ...(item.mods ?? []).filter((mod) => mentionsAllergy(mod)).map((mod) => inertText(mod).toUpperCase()),
  ]),
  ...(mentionsAllergy(order.note) ? [inertText(order.note!).toUpperCase()] : []),
];

/**
 * The items on one line, modifiers in brackets, for the narrow list and the recall panel. With
 * `allergiesApart`, allergy modifiers are left out and an allergy item name is not marked (the caller
 * shows them first, whole, where no cut can hide them).
 */
export function oneLineItems(order: Order, allergiesApart = false): string {
  return order.items
    .map((item) => {
      const mods = (item.mods ?? [])
        .filter((mod) => !(allergiesApart && mentionsAllergy(mod)))
        .map((mod) => (mentionsAllergy(mod) ? `${ALLERGY_MARK} ${inertText(mod).toUpperCase()}` : inertText(mod)));
      const name = !allergiesApart && mentionsAllergy(item.name) ? itemText(item).text : formatItem(item);
      return mods.length ? `${name} [${mods.join('; ')}]` : name;
    })
    .join(', ');
}

/** The note for one line: marked and in upper case when it mentions an allergy (left out with `allergiesApart`). */
export function oneLineNote(order: Order, allergiesApart = false): string | undefined {
  if (!order.note || (allergiesApart && mentionsAllergy(order.note))) return undefined;
  return noteText(order.note).text;
}
