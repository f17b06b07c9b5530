import { resolveContext } from '../client/context.js';
import { RtcClient } from '../client/rtc-client.js';
import type { User } from '../protocol/model.js';
import { ADMIN_ROOM, orderRoom, restaurantRoom } from '../protocol/rooms.js';
import type { GlobalFlags } from './main.js';
import { preferProductionReact, renderLiveOnTerminal } from '../tui/production-mode.js';
import { readCa } from './read-ca.js';
import { untilJoined } from './watch-joined.js';
import { parseThresholds } from './watch-thresholds.js';
import { watchTarget, whoAmI } from './watch-target.js';

export interface WatchFlags {
  restaurant?: string;
  order?: string;
  admin?: boolean;
  warn: string;
  late: string;
  bell: boolean;
}

export const userLabel = (user: User) => `${user.username} (${user.role})`;

/** `rtc watch`: the live terminal UI, or NDJSON for scripts (--json, or stdout not a terminal). */
export async function run(flags: GlobalFlags & WatchFlags): Promise<number | void> {
  const thresholds = parseThresholds(flags.warn, flags.late);
  const context = await resolveContext(flags);
  const ca = readCa(flags.ca);
  const user = await whoAmI(context, ca);
  const target = watchTarget(flags, user);
  const client = new RtcClient({ server: context.server, token: context.token, ca });
  try {
    // Connect before taking over the screen: an unreachable server or a refused token is one line on stderr.
    await client.connect();
    if (flags.json || !process.stdout.isTTY) {
      const { streamEvents } = await import('./watch-ndjson.js');
      return await streamEvents(client, target);
    }
    preferProductionReact();
    renderLiveOnTerminal();
    const [{ runFullScreen }, React] = await Promise.all([import('../tui/run-full-screen.js'), import('react')]);
    if (target.kind === 'restaurant') {
      const { KitchenBoard } = await import('../tui/components/kitchen-board.js');
      const joined = untilJoined(client, restaurantRoom(target.restaurantId));
      const board = client.watchRestaurant(target.restaurantId);
      await joined;
      const ring = flags.bell ? () => void process.stdout.write('\u0007') : undefined;
      await runFullScreen(
        React.createElement(KitchenBoard, { link: client, board, restaurant: `Restaurant ${target.restaurantId}`, user: userLabel(user), thresholds, ring }),
      );
    } else if (target.kind === 'order') {
      const { OrderTimelineScreen } = await import('../tui/components/order-timeline-screen.js');
      const joined = untilJoined(client, orderRoom(target.orderId));
      const timeline = client.watchOrder(target.orderId);
      await joined;
      await runFullScreen(React.createElement(OrderTimelineScreen, { link: client, timeline }));
    } else {
      const { AdminStatsScreen } = await import('../tui/components/admin-stats-screen.js');
      const joined = untilJoined(client, ADMIN_ROOM);
      client.watchAdmin();
      await joined;
      await runFullScreen(React.createElement(AdminStatsScreen, { link: client, user: userLabel(user) }));
    }
    return 0;
  } finally {
    client.close();
  }
}
