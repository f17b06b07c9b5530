import { useEffect, useState } from 'react';
import { RtcError } from '../../protocol/errors.js';
import type { KitchenLink } from '../kitchen-link.js';
import type { HistoryState } from '../model/ticket-sheet.js';

/**
 * The history of the ticket open now, from `GET /api/orders/:id` through the link; asked again when the
 * order's version moves (it changed while open). Without a way to ask, it says so.
 */
export function useOrderHistory(link: KitchenLink, orderId: string | undefined, version: number | undefined): HistoryState {
  const [state, setState] = useState<HistoryState>({ kind: 'loading' });
  useEffect(() => {
    if (orderId === undefined) return;
    if (!link.orderHistory) {
      setState({ kind: 'unavailable', why: 'this screen has no HTTP client' });
      return;
    }
    let live = true;
    setState((previous) => (previous.kind === 'loaded' ? previous : { kind: 'loading' }));
    link.orderHistory(orderId).then(
      (answer) => live && setState({ kind: 'loaded', events: answer.events }),
      (error: unknown) => live && setState({ kind: 'unavailable', why: error instanceof RtcError || error instanceof Error ? error.message : String(error) }),
    );
    return () => void (live = false);
  }, [link, orderId, version]);
  return state;
}
