import { useEffect, useRef, useState } from 'react';
import { RtcError } from '../../protocol/errors.js';
import type { OrderHistory } from '../kitchen-link.js';
import type { HistoryState } from '../model/ticket-sheet.js';

/**
 * The history of the ticket open now, from `ask` (the HTTP API's `GET /api/orders/:id`); asked again
 * when the order's version moves (it changed while open). Without a way to ask, it says so.
 */
export function useOrderHistory(ask: ((orderId: string) => Promise<OrderHistory>) | undefined, orderId: string | undefined, version: number | undefined): HistoryState {
  const [state, setState] = useState<HistoryState>({ kind: 'loading' });
  // Asked through a ref: a host may hand a new function at every render, which is no reason to ask again.
  const asker = useRef(ask);
  asker.current = ask;
  const canAsk = ask !== undefined;
  useEffect(() => {
    const ask = asker.current;
    if (orderId === undefined) return;
    if (!ask) {
      setState({ kind: 'unavailable', why: 'this screen has no HTTP client' });
      return;
    }
    let live = true;
    setState((previous) => (previous.kind === 'loaded' ? previous : { kind: 'loading' }));
    ask(orderId).then(
      (answer) => live && setState({ kind: 'loaded', events: answer.events }),
      (error: unknown) => live && setState({ kind: 'unavailable', why: error instanceof RtcError || error instanceof Error ? error.message : String(error) }),
    );
    return () => void (live = false);
  }, [canAsk, orderId, version]);
  return state;
}
