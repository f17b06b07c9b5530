import { RtcError } from '../protocol/errors.js';
import type { OrderEvent } from '../protocol/model.js';
import type { Status } from '../protocol/status.js';

/** How long after a status change it may be recalled, unless the server says otherwise (`rtc serve --recall-window`). */
export const DEFAULT_RECALL_WINDOW_MS = 15 * 60 * 1000;

/** The change a recall would undo: the event that made it, and the status the order goes back to. */
export interface RecallTarget {
  /** The OrderStatusChanged event being undone. */
  change: OrderEvent;
  /** Where the order goes back to: that change's `from`. */
  to: Status;
}

/**
 * The last status change of an order that is not recalled yet, from its events in version order.
 * Changes stack up and each recall takes the top one off, so recalling twice walks back two changes,
 * and a change made after a recall is the next one a recall undoes. Undefined when nothing is left.
 */
export function lastRecallable(events: readonly OrderEvent[]): OrderEvent | undefined {
  const changes: OrderEvent[] = [];
  for (const event of events) {
    if (event.type === 'OrderStatusChanged') changes.push(event);
    else if (event.type === 'OrderStatusRecalled') changes.pop();
  }
  return changes[changes.length - 1];
}

export interface RecallRequest {
  /** The order's events, oldest first (its whole history). */
  events: readonly OrderEvent[];
  /** Now, ms since the Unix epoch (the server's clock). */
  now: number;
  /** The recall window, ms. */
  windowMs: number;
  /** The status the caller saw; the recall happens only if the order is still in it. */
  expect?: Status | undefined;
}

/**
 * Decides a recall or throws the contract's error: CONFLICT when `expect` does not hold,
 * INVALID_TRANSITION when there is nothing to recall or the window after that change has passed.
 * Pure: the server calls it with the history it read and checks in the transaction that the order did
 * not move meanwhile.
 */
export function decideRecall({ events, now, windowMs, expect }: RecallRequest): RecallTarget {
  const current = events[events.length - 1]?.to;
  if (expect !== undefined && current !== undefined && expect !== current) {
    throw new RtcError('CONFLICT', `order is ${current}, not ${expect}: someone changed it first; refresh and try again`);
  }
  const change = lastRecallable(events);
  if (!change || change.from === null) {
    throw new RtcError('INVALID_TRANSITION', `order is ${current ?? 'new'} and has no status change left to recall`);
  }
  const age = now - Date.parse(change.timestamp);
  if (age > windowMs) {
    throw new RtcError(
      'INVALID_TRANSITION',
      `the recall window has passed: ${change.from} → ${change.to} was ${describeMs(age)} ago, and changes can be recalled for ${describeMs(windowMs)}`,
    );
  }
  return { change, to: change.from };
}

/** A duration in words a cook reads at a glance: "2.4 s", "40 s", "16 min", "2 h 5 min". */
function describeMs(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
