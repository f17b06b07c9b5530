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
 * Whether the screen can be trusted now. Not connected is stale since the state changed; connected but
 * silent for longer than the heartbeat allows is stale since the server was last heard, and only a
 * word from the server (lastServerContactAt moving on) makes it fresh again. `localNow` is our own clock.
 */
export function linkHealth(state: ConnectionState, timing: LinkTiming, localNow: number): LinkHealth {
  if (state.status !== 'connected') return { stale: true, staleSince: state.since, silent: false };
  const heard = timing.lastServerContactAt;
  const allowed = timing.silenceAllowedMs ?? DEFAULT_SILENCE_ALLOWED_MS;
  if (heard !== undefined && heard > 0 && localNow - heard > allowed) return { stale: true, staleSince: heard, silent: true };
  return { stale: false, staleSince: undefined, silent: false };
}
