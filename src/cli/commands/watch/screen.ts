import type { RtcClient } from '../../../client/rtc-client.js';
import type { User } from '../../../protocol/model.js';
import type { OrderHistory } from '../../../tui/kitchen-link.js';
import { ADMIN_ROOM, orderRoom, restaurantRoom } from '../../../protocol/rooms.js';
import type { AgeThresholds } from '../../../tui/model/age.js';
import { preferProductionReact, renderLiveOnTerminal } from '../../../tui/production-mode.js';
import { untilJoined } from './joined.js';
import type { WatchTarget } from './target.js';

export interface ScreenOptions {
  user: User;
  thresholds: AgeThresholds;
  bell: boolean;
  /** How the header names the restaurant, e.g. "Demo Bistro (r1)". */
  restaurantName?: string | undefined;
  /** An order and its events (`GET /api/orders/:id`): the history of the ticket the cook opens with `o`. */
  orderHistory?: ((orderId: string) => Promise<OrderHistory>) | undefined;
}

export const userLabel = (user: User) => `${user.username} (${user.role})`;

/**
 * Joins the target's room, then runs its screen full-screen until the user quits: the kitchen board,
 * an order's timeline, or the admin stats. React and Ink load only here, so that NDJSON never pays for them.
 */
export async function runWatchScreen(client: RtcClient, target: WatchTarget, { user, thresholds, bell, restaurantName, orderHistory }: ScreenOptions): Promise<void> {
  preferProductionReact();
  renderLiveOnTerminal();
  const [{ runFullScreen }, { createElement }] = await Promise.all([import('../../../tui/run-full-screen.js'), import('react')]);
  if (target.kind === 'restaurant') {
    const { KitchenBoard } = await import('../../../tui/components/kitchen-board.js');
    const joined = untilJoined(client, restaurantRoom(target.restaurantId));
    const board = client.watchRestaurant(target.restaurantId);
    await joined;
    const ring = bell ? () => void process.stdout.write('\u0007') : undefined;
    return runFullScreen(createElement(KitchenBoard, { link: client, board, restaurant: restaurantName ?? `Restaurant ${target.restaurantId}`, user: userLabel(user), thresholds, ring, orderHistory }));
  }
  if (target.kind === 'order') {
    const { OrderTimelineScreen } = await import('../../../tui/components/order-timeline-screen.js');
    const joined = untilJoined(client, orderRoom(target.orderId));
    const timeline = client.watchOrder(target.orderId);
    await joined;
    return runFullScreen(createElement(OrderTimelineScreen, { link: client, timeline }));
  }
  const { AdminStatsScreen } = await import('../../../tui/components/admin-stats-screen.js');
  const joined = untilJoined(client, ADMIN_ROOM);
  client.watchAdmin();
  await joined;
  return runFullScreen(createElement(AdminStatsScreen, { link: client, user: userLabel(user) }));
}
