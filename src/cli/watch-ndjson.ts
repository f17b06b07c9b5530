import { RtcClient } from '../client/rtc-client.js';
import { resolveContext } from '../client/context.js';
import { RtcError } from '../protocol/errors.js';
import type { GlobalFlags } from './main.js';
import { printJson } from './output.js';
import { readCa } from './read-ca.js';
import type { WatchFlags } from './watch.js';

/** What scripts get from `rtc watch --json`: one server event a line, until interrupted. */
const PRINTED = new Set(['restaurant_order_received', 'order_status_updated', 'system_stats_changed', 'access_denied', 'session_expired', 'rate_limit_exceeded']);

export async function runNdjsonWatch(flags: GlobalFlags & WatchFlags): Promise<number> {
  const context = await resolveContext(flags);
  const client = new RtcClient({ server: context.server, token: context.token, ca: readCa(flags.ca) });
  client.on('event', ({ event, data }) => {
    if (PRINTED.has(event)) printJson({ event, data });
  });
  await client.connect();
  if (flags.admin) client.watchAdmin();
  else if (flags.order) client.watchOrder(flags.order);
  else {
    const restaurantId = flags.restaurant ?? context.user?.restaurantId ?? (await meRestaurant(client));
    client.watchRestaurant(restaurantId);
  }
  return new Promise<number>((resolve) => {
    let fatal: RtcError | undefined;
    client.on('notice', (notice) => {
      if (notice.code === 'FORBIDDEN' || notice.code === 'NOT_FOUND' || notice.code === 'UNAUTHENTICATED') {
        fatal = notice;
        client.close();
      }
    });
    client.on('state', (state) => {
      if (state.status === 'disconnected' || state.status === 'error') {
        if (fatal) return resolve(Promise.reject(fatal) as never);
        if (state.status === 'error') resolve(Promise.reject(new RtcError('UNAUTHENTICATED', state.reason ?? 'refused')) as never);
      }
    });
    const stop = () => {
      client.close();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function meRestaurant(client: RtcClient): Promise<string> {
  void client;
  throw new RtcError('BAD_REQUEST', 'which restaurant? pass --restaurant R (your login has none)');
}
