import type { RtcClient } from '../client/rtc-client.js';
import type { Order } from '../protocol/model.js';

/** What a converged watcher must hold for one restaurant: the stream's head and its open orders. */
export interface Expected {
  seq: number;
  orders: Order[];
}

export interface Truth {
  expected(restaurantId: string): Promise<Expected>;
}

/** Embedded server: read the store itself, past every socket. */
export function storeTruth(store: {
  headSeq(restaurantId: string): Promise<number>;
  listOrders(filter: { restaurantId: string; openOnly: true }): Promise<Order[]>;
}): Truth {
  return {
    async expected(restaurantId) {
      const [seq, orders] = await Promise.all([store.headSeq(restaurantId), store.listOrders({ restaurantId, openOnly: true })]);
      return { seq, orders };
    },
  };
}

/** A running server: ask it for a fresh snapshot, as a client joining now would get it (read from its store). */
export function refereeTruth(referee: RtcClient): Truth {
  return {
    async expected(restaurantId) {
      const snapshot = (await referee.request('join_restaurant_room', { restaurantId }));
      return { seq: snapshot.seq, orders: snapshot.orders };
    },
  };
}
