import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import type { BoardColumn } from './columns.js';
import { ticketsOnScreen, type ScreenLayout } from './on-screen.js';
import type { TicketNumbers } from './ticket-numbers.js';

/**
 * The ticket a number key bumps: the one that carries number `n`, if the cook can see it (not hidden
 * by the filter, not scrolled out of view); else the line that says why nothing is bumped. `visible`
 * and `columns` are what the filter shows, `layout` how the body lays them out.
 */
export function ticketForNumber(numbers: TicketNumbers, n: number, visible: readonly Order[], columns: readonly BoardColumn[], layout: ScreenLayout): Order | string {
  const id = numbers.holder(n);
  if (id === undefined) {
    const gone = numbers.lastHolder(n);
    return gone ? `ticket ${n} (${inertText(gone.orderId)}) left the board: nothing bumped` : `no ticket carries ${n}: nothing bumped`;
  }
  const order = visible.find((candidate) => candidate.id === id);
  if (!order) return `ticket ${n} (${inertText(id)}) is hidden by the filter: nothing bumped; esc clears the filter`;
  if (!ticketsOnScreen(columns, layout).has(id)) return `ticket ${n} (${inertText(id)}) is not on the screen: nothing bumped; move to it to see it first`;
  return order;
}
