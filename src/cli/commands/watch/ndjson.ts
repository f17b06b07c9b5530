import type { RtcClient } from '../../../client/rtc-client.js';
import { signedOutError } from '../../../client/connection.js';
import { onStopSignals } from '../../../lib/stop-signals.js';
import { inertText } from '../../../protocol/inert-text.js';
import { printJson } from '../../program/output.js';
import type { WatchTarget } from './target.js';

/**
 * What scripts get from `rtc watch --json`: one server event a line (contract section 5), until
 * interrupted. room_joined comes first, so a script knows when it is live; stream_head is left out:
 * it is the client's gap detector, sent every few seconds, and says nothing a script can use.
 */
const PRINTED = new Set([
  'room_joined',
  'restaurant_order_received',
  'order_status_updated',
  'system_stats_changed',
  'access_denied',
  'session_expired',
  'rate_limit_exceeded',
]);

/** Errors after which nothing more will come: the stream ends with them (stderr, exit code). */
const FATAL = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'BAD_REQUEST']);

/** Prints the events of a connected client's subscription until SIGINT/SIGTERM (exit 0) or a fatal notice. */
export function streamEvents(client: RtcClient, target: WatchTarget): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const stop = () => finish(() => resolve(0));
    const stopSignals = onStopSignals(stop);
    const finish = (settle: () => void) => {
      stopSignals();
      process.stdout.off('error', stop);
      client.close();
      settle();
    };
    // room_joined first, as the README promises: an order room's history (a replay from version 0)
    // reaches the socket before the server's room_joined, so events are held until it comes.
    let held: Array<{ event: string; data: unknown }> | undefined = [];
    client.on('event', ({ event, data }) => {
      if (!PRINTED.has(event)) return;
      if (held && event !== 'room_joined') return void held.push({ event, data });
      printJson({ event, data });
      if (held) for (const line of held.splice(0)) printJson(line);
      held = undefined;
    });
    // A client that recovers (a profile login) waits for a new login instead of ending: say so on stderr.
    const waits = (code: string) => client.recovers && code === 'UNAUTHENTICATED';
    client.on('notice', (notice) => {
      if (waits(notice.code)) process.stderr.write(`rtc: ${notice.sentence} (waiting for a new login)\n`);
      else if (FATAL.has(notice.code)) finish(() => reject(notice));
    });
    client.on('session', (change) => {
      if (change === 'signed-in') process.stderr.write('rtc: signed in again: the watch goes on\n');
    });
    // The link as a script's log needs it: when it goes down and why, and when it is back. Said once
    // per reason, not per attempt (the board's header says the same, STALE and reconnecting).
    let down: string | undefined;
    client.on('state', (state) => {
      if (state.status === 'error' && !client.recovers) return finish(() => reject(signedOutError(state.reason)));
      if (state.status === 'connected') {
        if (down !== undefined) process.stderr.write('rtc: connected again: catching up on what was missed\n');
        down = undefined;
      } else if ((state.status === 'reconnecting' || state.status === 'connecting') && state.reason && state.reason !== down) {
        down = state.reason;
        process.stderr.write(`rtc: link down: ${inertText(state.reason)} (reconnecting; events missed meanwhile are replayed)\n`);
      }
    });
    // A reader that went away (`rtc watch --json | head`) ends the watch quietly.
    process.stdout.once('error', stop);
    if (target.kind === 'admin') client.watchAdmin();
    else if (target.kind === 'order') client.watchOrder(target.orderId);
    else client.watchRestaurant(target.restaurantId);
  });
}
