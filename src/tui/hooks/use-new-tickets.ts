import { useLayoutEffect, useRef } from 'react';
import type { Order } from '../../protocol/model.js';

/**
 * Which tickets arrived while this screen was watching, and when: those are highlighted for
 * `highlightMs` and each arrival rings the bell once. The first board loaded (the snapshot at start)
 * is what was already there, so it neither highlights nor rings.
 */
export function useNewTickets(open: readonly Order[], hasState: boolean, now: number, ring: () => void, highlightMs = 5000): Set<string> {
  const firstSeen = useRef<Map<string, number> | undefined>(undefined);
  const arrivals = useRef(new Map<string, number>());
  const arrived = useRef(0);
  const rung = useRef(0);

  if (hasState) {
    if (!firstSeen.current) {
      firstSeen.current = new Map(open.map((order) => [order.id, 0]));
    } else {
      for (const order of open) {
        if (firstSeen.current.has(order.id)) continue;
        firstSeen.current.set(order.id, now);
        arrivals.current.set(order.id, now);
        arrived.current++;
      }
      // A finished order never reopens: forgetting it keeps a board left open all shift from growing.
      if (firstSeen.current.size > open.length) {
        const openIds = new Set(open.map((order) => order.id));
        for (const id of firstSeen.current.keys()) if (!openIds.has(id)) firstSeen.current.delete(id);
      }
    }
  }
  // Counted, not flagged: a render React throws away must not lose (or repeat) a ring. A layout effect
  // runs at commit, so the bell rings with the frame that shows the ticket, not with the next one.
  useLayoutEffect(() => {
    if (arrived.current > rung.current) {
      rung.current = arrived.current;
      ring();
    }
  });

  const highlighted = new Set<string>();
  for (const [id, at] of arrivals.current) {
    if (now - at < highlightMs) highlighted.add(id);
    else arrivals.current.delete(id);
  }
  return highlighted;
}
