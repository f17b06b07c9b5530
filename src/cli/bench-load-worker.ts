/**
 * A client process of `rtc bench push-vs-poll`: a few hundred rtc watchers (the real RtcClient) or
 * HTTP pollers. The raw Socket.IO baseline (bench/baseline/raw-load-worker.js) answers the same requests.
 */
import { RtcClient } from '../client/rtc-client.js';
import { inBatches } from './bench-batches.js';
import { Pollers } from './bench-pollers.js';
import { serveRpc } from './bench-worker-rpc.js';

const watchers: RtcClient[] = [];
let received = 0;
const pollers = new Pollers();

async function watch({ url, token, count, restaurantId }: { url: string; token: string; count: number; restaurantId: string }) {
  await inBatches(count, 50, async () => {
    const client = new RtcClient({ server: url, token });
    client.on('event', ({ event }) => {
      if (event === 'restaurant_order_received' || event === 'order_status_updated') received++;
    });
    await client.connect(30_000);
    const board = client.watchRestaurant(restaurantId);
    await new Promise<void>((resolve) => {
      if (board.hasState) return resolve();
      const onBoard = () => board.hasState && (client.off('board', onBoard), resolve());
      client.on('board', onBoard);
    });
    watchers.push(client);
  });
  return { watching: watchers.length };
}

serveRpc({
  watch,
  poll: (options: Parameters<Pollers['start']>[0]) => pollers.start(options),
  stop: () => {
    for (const client of watchers.splice(0)) client.close();
    return { received, ...pollers.stop() };
  },
});
