import { normalOrderId } from '../../../protocol/schemas.js';
import type { ClientContext } from '../../../client/context.js';
import { HttpClient } from '../../../client/http-client.js';
import { pathId } from '../../../client/path-ids.js';
import { RtcError } from '../../../protocol/errors.js';
import type { User } from '../../../protocol/model.js';
import type { WatchFlags } from './flags.js';

export type WatchTarget = { kind: 'restaurant'; restaurantId: string } | { kind: 'order'; orderId: string } | { kind: 'admin' };

/** Who the context logs in as: the profile knows; a bare token has to ask the server (GET /api/me). */
export async function whoAmI(context: ClientContext, ca: Buffer | undefined): Promise<User> {
  if (context.user) return context.user;
  const { user } = await new HttpClient({ server: context.server, token: context.token, ca }).me();
  return user;
}

/**
 * Refuses an --order or --restaurant that is no id, as the API's path ids are (client/path-ids.ts):
 * BAD_REQUEST (exit 2) before any request, instead of a join the server refuses.
 */
export function checkTargetIds(flags: Pick<WatchFlags, 'restaurant' | 'order'>): void {
  if (flags.order) pathId(flags.order, 'order id');
  if (flags.restaurant) pathId(flags.restaurant, 'restaurant id');
}

/** What `rtc watch` shows: the flag that says so, else the user's own restaurant. */
export function watchTarget(flags: Pick<WatchFlags, 'restaurant' | 'order' | 'admin'>, user: User): WatchTarget {
  const chosen = [flags.restaurant, flags.order, flags.admin].filter(Boolean).length;
  if (chosen > 1) throw new RtcError('BAD_REQUEST', 'watch one thing at a time: --restaurant, --order or --admin');
  if (flags.admin) return { kind: 'admin' };
  checkTargetIds(flags);
  if (flags.order) return { kind: 'order', orderId: normalOrderId(flags.order) };
  if (flags.restaurant) return { kind: 'restaurant', restaurantId: flags.restaurant };
  if (user.restaurantId) return { kind: 'restaurant', restaurantId: user.restaurantId };
  if (user.role === 'customer') throw new RtcError('BAD_REQUEST', 'customers watch one order: rtc watch --order ID (see rtc order list)');
  throw new RtcError('BAD_REQUEST', `${user.username} works in no restaurant: pass --restaurant R, or --admin for system stats`);
}
