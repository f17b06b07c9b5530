/**
 * A client process of `rtc bench push-vs-poll`: a few hundred rtc watchers (RtcWatchers) or HTTP
 * pollers. The raw Socket.IO baseline (bench/workers/raw-clients.js) answers the same requests.
 */
import { Pollers } from './pollers.js';
import { RtcWatchers, type WatchRequest } from './rtc-watchers.js';
import { serveRpc } from './worker-rpc.js';

const watchers = new RtcWatchers();
const pollers = new Pollers();
let received = 0;

serveRpc({
  watch: (request: WatchRequest) =>
    watchers.watch(request, ({ event }) => {
      if (event === 'restaurant_order_received' || event === 'order_status_updated') received++;
    }),
  poll: (options: Parameters<Pollers['start']>[0]) => pollers.start(options),
  stop: () => {
    watchers.close();
    return { received, ...pollers.stop() };
  },
});
