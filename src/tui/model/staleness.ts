import type { ConnectionState } from '../../client/connection-state.js';
import type { LinkTiming } from '../kitchen-link.js';

/**
 * Silence a link may keep before the board calls it stale, when the client does not say: the client's
 * heartbeat asks after 5 s of silence and gives up 4 s later.
 */
export const DEFAULT_SILENCE_ALLOWED_MS = 9_000;

export interface LinkHealth {
  stale: boolean;
  /** Since when the screen may be behind (ms, our clock); undefined when it is not stale. */
  staleSince: number | undefined;
  /** Connected but nothing heard for longer than the heartbeat allows. */
  silent: boolean;
}

/**
 * Whether the screen can be trusted now. Not connected is stale since the server was last heard (or,
 * never heard, since the state changed); connected but
 * silent for longer than the heartbeat allows is stale since the server was last heard, and only a
 * word from the server (lastServerContactAt moving on) makes it fresh again. `localNow` is our own clock.
 */
export function linkHealth(state: ConnectionState, timing: LinkTiming, localNow: number): LinkHealth {
  const heard = timing.lastServerContactAt;
  // The screen is as old as the last word from the server, which is often well before the link was
  // found dead (a silent partition takes the heartbeat's 9 s to tell).
  if (state.status !== 'connected') return { stale: true, staleSince: heard !== undefined && heard > 0 ? Math.min(heard, state.since) : state.since, silent: false };
  const allowed = timing.silenceAllowedMs ?? DEFAULT_SILENCE_ALLOWED_MS;
  if (heard !== undefined && heard > 0 && localNow - heard > allowed) return { stale: true, staleSince: heard, silent: true };
  return { stale: false, staleSince: undefined, silent: false };
}
