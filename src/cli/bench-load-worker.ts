/**
 * A client process of `rtc bench push-vs-poll`: a few hundred rtc watchers (the real RtcClient) or
 * HTTP pollers. The raw Socket.IO baseline (bench/baseline/raw-load-worker.js) answers the same requests.
 */
import { Agent, request } from 'node:http';
import { RtcClient } from '../client/rtc-client.js';
import { serveRpc } from './bench-worker-rpc.js';

const watchers: RtcClient[] = [];
let received = 0;
let polls = 0;
let pollErrors = 0;
let polling: { timers: NodeJS.Timeout[]; agent: Agent } | undefined;

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, j) => make(start + j)))));
  }
  return out;
}

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

function getOnce(agent: Agent, url: string, token: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Each poller asks every `intervalMs`, starting at a random point of the interval so requests spread out. */
function poll({ urls, token, intervalMs }: { urls: string[]; token?: string; intervalMs: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: urls.length });
  const timers = urls.map((url) => {
    const tick = async () => {
      try {
        await getOnce(agent, url, token);
      } catch {
        // A keep-alive socket the server closed as we sent: ask again at once on a new one, as a browser would.
        await getOnce(agent, url, token).catch(() => pollErrors++);
      }
      polls++;
    };
    const timer = setTimeout(() => {
      void tick();
      const every = setInterval(() => void tick(), intervalMs);
      timers.push(every);
    }, Math.random() * intervalMs);
    return timer;
  });
  polling = { timers, agent };
  return { polling: urls.length };
}

serveRpc({
  watch,
  poll,
  counters: () => ({ received, polls, pollErrors }),
  stop: () => {
    for (const client of watchers.splice(0)) client.close();
    if (polling) {
      for (const timer of polling.timers) clearTimeout(timer);
      polling.agent.destroy();
      polling = undefined;
    }
    return { received, polls, pollErrors };
  },
});
