import { RtcClient, type ReceivedEvent } from '../client/rtc-client.js';
import { inBatches } from './batches.js';

/** What a benchmark asks of a watcher process: `count` clients, spread over the restaurants in turn. */
export interface WatchRequest {
  url: string;
  token: string;
  count: number;
  /** Restaurants to watch, client i the (i mod length)th; or one restaurant as `restaurantId`. */
  restaurants?: string[];
  restaurantId?: string;
}

/**
 * rtc's watchers in a benchmark client process: real RtcClient instances, each keeping the live
 * board of one restaurant. Shared by `rtc bench push-vs-poll`'s worker and bench/workers/rtc-clients.js,
 * so both sides of every benchmark watch the same way.
 */
export class RtcWatchers {
  /** Every client this process opened (watchers and, in bench/workers, operators), closed by `close`. */
  readonly clients: RtcClient[] = [];

  /** A connected client, tracked for `close`; rejects when it cannot connect within `timeoutMs`. */
  async connected(url: string, token: string, onEvent?: (received: ReceivedEvent) => void, timeoutMs = 60_000): Promise<RtcClient> {
    const client = new RtcClient({ server: url, token });
    if (onEvent) client.on('event', onEvent);
    await client.connect(timeoutMs);
    this.clients.push(client);
    return client;
  }

  /**
   * Connects `count` watchers, 50 at a time (thousands at once only measure the accept queue), and
   * resolves once every board has its first state; `onEvent` sees every event each client receives.
   */
  async watch(request: WatchRequest, onEvent?: (received: ReceivedEvent) => void): Promise<{ watching: number }> {
    const restaurants = request.restaurants ?? [request.restaurantId!];
    await inBatches(request.count, 50, async (i) => {
      const client = await this.connected(request.url, request.token, onEvent);
      await boardLoaded(client, restaurants[i % restaurants.length]!);
    });
    return { watching: this.clients.length };
  }

  close(): void {
    for (const client of this.clients.splice(0)) client.close();
  }
}

function boardLoaded(client: RtcClient, restaurantId: string): Promise<void> {
  const board = client.watchRestaurant(restaurantId);
  return new Promise((resolve) => {
    if (board.hasState) return resolve();
    const onBoard = () => board.hasState && (client.off('board', onBoard), resolve());
    client.on('board', onBoard);
  });
}
