import type { RestaurantBoard } from '../client/restaurant-board.js';
import { RtcClient, type RtcClientOptions } from '../client/rtc-client.js';
import { RtcError } from '../protocol/errors.js';
import { restaurantRoom } from '../protocol/rooms.js';

export interface WatcherSeat {
  /** w1, w2, ...: how the report names it. */
  name: string;
  restaurantId: string;
  /** Who it logged in as, when the drill knows (embedded server). */
  username: string;
  token: string;
}

export interface Watcher extends WatcherSeat {
  client: RtcClient;
  board: RestaurantBoard;
  /** Highest seq received so far, to time each event's first arrival only. */
  highestSeen: number;
  convergedAt?: number;
}

/**
 * Client settings for drill watchers: a heartbeat that finds a partition within two seconds and
 * requests that give up fast, so a drill of a few seconds sees clients recover, not wait.
 */
export const WATCHER_CLIENT: Partial<RtcClientOptions> = {
  heartbeatMs: 1000,
  heartbeatTimeoutMs: 1000,
  requestTimeoutMs: 2000,
  reconnectDelayMs: 100,
  reconnectDelayMaxMs: 1000,
};

/** The watcher clients of a drill, and what they saw: delivery latencies and reconnects. */
export class WatcherFleet {
  readonly watchers: Watcher[] = [];
  /** Commit-to-arrival time of each event's first arrival at each watcher, in ms. */
  readonly latencies: number[] = [];
  reconnects = 0;

  constructor(
    private readonly server: string,
    private readonly ca: string | Buffer | undefined,
  ) {}

  async connect(seats: WatcherSeat[], onJoined: (joined: number) => void): Promise<void> {
    let joined = 0;
    await Promise.all(
      seats.map(async (seat) => {
        const client = new RtcClient({ server: this.server, token: seat.token, ca: this.ca, ...WATCHER_CLIENT });
        const watcher: Watcher = { ...seat, client, board: client.watchRestaurant(seat.restaurantId), highestSeen: 0 };
        this.watchers.push(watcher);
        this.observe(watcher);
        await client.connect();
        const room = restaurantRoom(seat.restaurantId);
        await until(() => watcher.board.hasState || client.subscriptionError(room) !== undefined, 10_000);
        const refused = client.subscriptionError(room);
        if (refused) throw refused;
        if (!watcher.board.hasState) throw new RtcError('UNREACHABLE', `watcher ${seat.name} could not join ${room} within 10 s: is the server overloaded?`);
        watcher.highestSeen = watcher.board.seq;
        onJoined(++joined);
      }),
    );
  }

  private observe(watcher: Watcher): void {
    watcher.client.on('event', ({ event, data }) => {
      if (event !== 'restaurant_order_received' && event !== 'order_status_updated') return;
      const { seq, timestamp } = data as { seq: number; timestamp: string };
      if (seq <= watcher.highestSeen) return;
      watcher.highestSeen = seq;
      this.latencies.push(Math.max(0, Date.now() - Date.parse(timestamp)));
    });
    let status = watcher.client.state.status;
    watcher.client.on('state', (state) => {
      if (state.status === 'reconnecting' && status !== 'reconnecting') this.reconnects++;
      status = state.status;
    });
  }

  get holes(): number {
    return this.watchers.reduce((sum, w) => sum + w.client.holes, 0);
  }

  get resyncs(): number {
    return this.watchers.reduce((sum, w) => sum + w.client.resyncs, 0);
  }

  close(): void {
    for (const watcher of this.watchers) watcher.client.close();
  }
}

export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
