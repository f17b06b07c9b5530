import type { TimelineEntry } from '../../client/order-timeline.js';
import type { Status } from '../../protocol/status.js';

/** A status the order is on its way through now, when it was reached, and the step it came from. */
export interface TimelineStep {
  status: Status;
  entry: TimelineEntry;
  /** The step before it on the way the order stands now: what its duration is measured from. */
  previous: TimelineEntry | undefined;
  /** The status a recall brought it back from (the step was re-entered then). */
  recalledFrom: Status | undefined;
}

/**
 * The steps an order stands on now, from its changes in version order. A recall undoes the change
 * before it: the undone step is taken off (no longer done) and the step it went back to counts from
 * the recall, measured from the step before that one. Changes not heard (a watcher that joined late)
 * are simply missing: a recall of a step it never saw takes nothing off.
 */
export function timelineSteps(entries: readonly TimelineEntry[]): TimelineStep[] {
  const path: { entry: TimelineEntry; recalledFrom: Status | undefined }[] = [];
  for (const entry of [...entries].sort((a, b) => a.version - b.version)) {
    if (entry.recalled) {
      const undone = entry.from ?? path.at(-1)?.entry.status;
      if (path.length > 1 && path.at(-1)!.entry.status === undone) path.pop();
      if (path.at(-1)?.entry.status === entry.status) path.pop();
      path.push({ entry, recalledFrom: undone ?? undefined });
      continue;
    }
    path.push({ entry, recalledFrom: undefined });
  }
  return path.map(({ entry, recalledFrom }, i) => ({ status: entry.status, entry, previous: path[i - 1]?.entry, recalledFrom }));
}
