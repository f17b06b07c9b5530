import type { LinkTiming } from '../kitchen-link.js';

export interface BoardTime {
  /** Our own clock, ms since the epoch: staleness is measured on it, like the client's lastServerContactAt. */
  localNow: number;
  /** The server's time: ours plus the offset. Ages, timers and the recall window use it. */
  serverNow: number;
  timing: LinkTiming;
}

/**
 * The board's clocks. The link's clock offset and last-heard time are read at every render (the clock
 * ticks a render a second), so a new offset from a stream_head corrects every timer at the next tick.
 * A client that does not expose them gives offset 0 and "last heard" unknown.
 */
export function boardTime(link: LinkTiming, localNow: number): BoardTime {
  const offset = Number.isFinite(link.clockOffsetMs) ? (link.clockOffsetMs as number) : 0;
  return {
    localNow,
    serverNow: localNow + offset,
    timing: { clockOffsetMs: offset, lastServerContactAt: link.lastServerContactAt, silenceAllowedMs: link.silenceAllowedMs },
  };
}
