import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../../../client/http-client.js';
import { RtcClient } from '../../../client/rtc-client.js';
import { RtcError } from '../../../protocol/errors.js';
import { startServer, type RunningServer } from '../../../server/app.js';
import type { ExtraAction } from '../../../tui/components/kitchen-board.js';
import { preferProductionReact, renderLiveOnTerminal } from '../../../tui/production-mode.js';
import type { GlobalFlags } from '../../program/global-flags.js';

/** Orders a minute across the two demo restaurants: enough to see tickets arrive, age and move. */
const DEMO_ORDERS_PER_MINUTE = 30;
/** A few tickets on the board from the first second, before the simulator has ordered much. */
const FIRST_TICKETS = [
  { customerName: 'Ana', items: [{ name: 'Burger', qty: 2 }, { name: 'Fries', qty: 2 }], amount: 26 },
  { customerName: 'Ben', items: [{ name: 'Ramen', qty: 1 }], amount: 12.5 },
  { customerName: 'Chloé', items: [{ name: 'Margherita', qty: 1 }, { name: 'Milkshake', qty: 2 }], amount: 20 },
];

/** How long the demo's server stays down when restarted with `!`, so the stale board can be seen. */
const RESTART_PAUSE_MS = 2000;

/**
 * `rtc demo`: an embedded server on a throwaway database with the demo data and the simulator, the
 * demo chef logged in, and the kitchen board open. `q` stops all of it and deletes the database.
 */
export async function run(_flags: GlobalFlags): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new RtcError('BAD_REQUEST', 'rtc demo needs a terminal; for a server to script against run rtc serve --demo --simulate');
  }
  preferProductionReact();
  renderLiveOnTerminal();
  const [{ createElement }, { KitchenBoard }, { runFullScreen }] = await Promise.all([
    import('react'),
    import('../../../tui/components/kitchen-board.js'),
    import('../../../tui/run-full-screen.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'rtc-demo-'));
  const db = join(dir, 'rtc.db');
  const start = (port: number) => startServer({ port, db, demo: true, simulate: DEMO_ORDERS_PER_MINUTE, logLevel: 'silent' });
  let server: RunningServer | undefined;
  let client: RtcClient | undefined;
  try {
    server = await start(0);
    const { token, user } = await server.auth.login('chef', 'chef', '127.0.0.1');
    const restaurantId = user.restaurantId ?? 'r1';
    for (const ticket of FIRST_TICKETS) await server.orders.create(user, { restaurantId, ...ticket });
    client = new RtcClient({ server: server.url, token });
    await client.connect();
    const board = client.watchRestaurant(restaurantId);
    // The same port after a restart (`!`), so the ticket history keeps answering.
    const http = new HttpClient({ server: server.url, token });
    let restarting = false;
    const restart: ExtraAction = {
      key: '!',
      hint: 'restart server',
      help: 'restart the demo server (the board goes stale, then catches up)',
      run: async () => {
        if (restarting) return 'the demo server is already restarting';
        restarting = true;
        try {
          const port = server!.port;
          await server!.close();
          await new Promise((resolve) => setTimeout(resolve, RESTART_PAUSE_MS));
          server = await start(port);
          return 'demo server restarted: the board caught up on what it missed';
        } finally {
          restarting = false;
        }
      },
    };
    await runFullScreen(
      createElement(KitchenBoard, {
        link: client,
        board,
        restaurant: 'Demo Bistro (r1)',
        user: `${user.username} (${user.role}) · demo`,
        ring: () => void process.stdout.write('\u0007'),
        extraActions: [restart],
        orderHistory: (id: string) => http.getOrder(id),
      }),
    );
    return 0;
  } finally {
    client?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
