import { useLayoutEffect, useRef } from 'react';
import type { Order } from '../../protocol/model.js';

/** How long a ticket that left is remembered, in ms: longer than any recall window a kitchen sets. */
const LEFT_KEPT_MS = 60 * 60_000;

/**
 * Which tickets arrived while this screen was watching, and when: those are highlighted for
 * `highlightMs` and each arrival rings the bell once. The first board loaded (the snapshot at start)
 * is what was already there, so it neither highlights nor rings; nor does a ticket that comes back
 * (a recall of its final bump or cancel), which is not new to this screen.
 */
export function useNewTickets(open: readonly Order[], hasState: boolean, now: number, ring: () => void, highlightMs = 5000): Set<string> {
  const firstSeen = useRef<Map<string, number> | undefined>(undefined);
  const arrivals = useRef(new Map<string, number>());
  /** Tickets that left the board, and when (server time): one that comes back within LEFT_KEPT_MS is not new. */
  const left = useRef(new Map<string, number>());
  const arrived = useRef(0);
  const rung = useRef(0);

  if (hasState) {
    if (!firstSeen.current) {
      firstSeen.current = new Map(open.map((order) => [order.id, 0]));
    } else {
      for (const order of open) {
        if (firstSeen.current.has(order.id)) continue;
        firstSeen.current.set(order.id, now);
        if (left.current.delete(order.id)) continue;
        arrivals.current.set(order.id, now);
        arrived.current++;
      }
      // A finished order reopens only by a recall, within the recall window: it is remembered that long
      // (LEFT_KEPT_MS), then forgotten, which keeps a board left open all shift from growing.
      if (firstSeen.current.size > open.length) {
        const openIds = new Set(open.map((order) => order.id));
        for (const id of firstSeen.current.keys()) {
          if (openIds.has(id)) continue;
          firstSeen.current.delete(id);
          left.current.set(id, now);
        }
      }
      for (const [id, at] of left.current) if (now - at > LEFT_KEPT_MS) left.current.delete(id);
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
