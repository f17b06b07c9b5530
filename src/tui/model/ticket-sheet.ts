import { inertText } from '../../protocol/inert-text.js';
import type { Order, OrderEvent } from '../../protocol/model.js';
import { ageLabel, type AgeThresholds } from './age.js';
import { wrapWords } from './display-width.js';
import { ticketLines, type TicketLineKind } from './ticket-lines.js';

/** What is known of an open ticket's history: asked of the HTTP API when the ticket opens. */
export type HistoryState =
  | { kind: 'loading' }
  | { kind: 'loaded'; events: OrderEvent[] }
  | { kind: 'unavailable'; why: string };

export interface SheetLine {
  kind: TicketLineKind | 'title' | 'plain' | 'dim' | 'recall';
  text: string;
}

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

/** One event of the history: when, what, who (and why), a recall said as one. */
export function historyLine(event: OrderEvent): SheetLine {
  const reason = event.reason ? ` (${inertText(event.reason)})` : '';
  const who = ` by ${inertText(event.actor)}`;
  if (event.type === 'OrderCreated') return { kind: 'plain', text: `${clock(event.timestamp)}  created, ${event.to}${who}` };
  if (event.type === 'OrderStatusRecalled') return { kind: 'recall', text: `${clock(event.timestamp)}  RECALLED ${event.from ?? '?'} → ${event.to}${who}${reason}` };
  return { kind: 'plain', text: `${clock(event.timestamp)}  ${event.from ?? '—'} → ${event.to}${who}${reason}` };
}

/**
 * The open ticket in full, as rows of at most `width` cells: who, status and timer; every item with its
 * modifiers and the note; then the history with actors and times. The panel scrolls through these.
 */
export function ticketSheet(order: Order, history: HistoryState, now: number, thresholds: AgeThresholds, width: number): SheetLine[] {
  const wrap = (kind: SheetLine['kind'], text: string) => wrapWords(text, width).map((row) => ({ kind, text: row }));
  const age = now - Date.parse(order.createdAt);
  const lines: SheetLine[] = [
    ...wrap('title', `${inertText(order.id)} · ${order.status} · ${ageLabel(age, thresholds).trim()}`),
    ...wrap('dim', `${inertText(order.customerName)} · ${order.amount.toFixed(2)} · created ${clock(order.createdAt)}`),
    { kind: 'plain', text: ' ' },
    ...ticketLines(order, width),
    { kind: 'plain', text: ' ' },
    { kind: 'title', text: 'History' },
  ];
  if (history.kind === 'loading') lines.push({ kind: 'dim', text: 'loading…' });
  else if (history.kind === 'unavailable') lines.push(...wrap('dim', `history unavailable: ${inertText(history.why)}`));
  else for (const event of history.events) lines.push(...wrap(historyLine(event).kind, historyLine(event).text));
  return lines;
}
