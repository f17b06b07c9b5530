import type { FinishedOrder } from '../../client/restaurant-board.js';
import type { StatusUpdatedPayload } from '../../protocol/events.js';
import type { Order } from '../../protocol/model.js';
import type { Status } from '../../protocol/status.js';

/** The recall window the server uses unless `rtc serve --recall-window` says otherwise. */
export const DEFAULT_RECALL_WINDOW_MS = 15 * 60_000;

/** One status change as this screen heard it. */
export interface Change {
  orderId: string;
  from: Status | null;
  to: Status;
  version: number;
  /** Server time of the change, ms since the epoch. */
  at: number;
  actor: string | undefined;
}

/**
 * The status changes this screen heard, per order, so the recall panel can say from what and by whom.
 * A recall takes the change it undid off its order's list. Each version is taken once (replays repeat).
 */
export class ChangeLog {
  private readonly byOrder = new Map<string, Change[]>();
  private readonly versions = new Map<string, number>();

  apply(update: StatusUpdatedPayload): void {
    if ((this.versions.get(update.orderId) ?? 0) >= update.version) return;
    this.versions.set(update.orderId, update.version);
    const changes = this.byOrder.get(update.orderId) ?? [];
    if (update.recalled) changes.pop();
    else changes.push({ orderId: update.orderId, from: update.from, to: update.newStatus, version: update.version, at: Date.parse(update.timestamp), actor: update.actor });
    this.byOrder.set(update.orderId, changes.slice(-10));
  }

  /** Whether this screen heard every change of the order up to `version` (so `last` is the whole truth). */
  knows(orderId: string, version: number): boolean {
    return this.versions.get(orderId) === version;
  }

  /** The latest change not recalled yet, if this screen heard it. */
  last(orderId: string): Change | undefined {
    return this.byOrder.get(orderId)?.at(-1);
  }
}

/** A change that may be recalled now: the order as it is, when it changed, and from what and by whom when known. */
export interface RecallEntry {
  order: Order;
  /** Server time of the change, ms since the epoch. */
  at: number;
  from: Status | null | undefined;
  actor: string | undefined;
}

/**
 * What the recall panel lists: every order of this board whose last status change is within the recall
 * window (`now` is the server's time), newest first. An order never changed (version 1) has nothing to
 * recall. When this screen heard the order's changes, the log says from what and by whom, and after a
 * recall which change is next; otherwise the order's last update is taken as its last change.
 */
export function recallEntries(open: readonly Order[], finished: readonly FinishedOrder[], log: ChangeLog, now: number, windowMs = DEFAULT_RECALL_WINDOW_MS): RecallEntry[] {
  const entries: RecallEntry[] = [];
  const consider = (order: Order, at: number) => {
    if (order.version <= 1) return;
    if (log.knows(order.id, order.version)) {
      // Heard here: the last change not recalled yet (after a recall, the one before it), if any.
      const change = log.last(order.id);
      if (change && change.to === order.status && now - change.at <= windowMs) entries.push({ order, at: change.at, from: change.from, actor: change.actor });
      return;
    }
    if (now - at <= windowMs) entries.push({ order, at, from: undefined, actor: undefined });
  };
  for (const order of open) consider(order, Date.parse(order.updatedAt));
  for (const { order, finishedAt } of finished) consider(order, finishedAt);
  return entries.sort((a, b) => b.at - a.at || b.order.version - a.order.version);
}
