import type { Appended, NewOrder, TransitionDecision } from '../../domain/order-events.js';
import type { Order, Role, StoredEvent, User } from '../../protocol/model.js';
import type { Status } from '../../protocol/status.js';

export interface UserRecord extends User {
  passwordHash: string;
  salt: string;
}

export interface Restaurant {
  id: string;
  name: string;
}

export interface OrderFilter {
  restaurantId?: string | undefined;
  status?: Status | undefined;
  customerId?: string | undefined;
  openOnly?: boolean | undefined;
}

export type { Appended, NewOrder, TransitionDecision } from '../../domain/order-events.js';

/**
 * The event store and its read model. Async so that a networked store can stand behind the same
 * interface; every append is one transaction that writes the event and the read model together.
 */
export interface Store {
  readonly epoch: string;
  readonly kind: 'sqlite' | 'postgres';

  upsertRestaurant(restaurant: Restaurant): Promise<void>;
  listRestaurants(): Promise<Restaurant[]>;
  getRestaurant(id: string): Promise<Restaurant | undefined>;

  /** Creates the user unless one with that username exists; answers whether it created it. */
  createUser(user: { username: string; role: Role; restaurantId: string | null; passwordHash: string; salt: string }): Promise<boolean>;
  getUserByUsername(username: string): Promise<UserRecord | undefined>;
  getUser(id: string): Promise<User | undefined>;

  getOrder(id: string): Promise<Order | undefined>;
  listOrders(filter: OrderFilter): Promise<Order[]>;
  countOpenOrdersByRestaurant(): Promise<Record<string, number>>;
  countOrdersByStatus(): Promise<Record<string, number>>;

  orderEvents(orderId: string, afterVersion?: number): Promise<StoredEvent[]>;
  /** Events of one restaurant's stream with seq > afterSeq, oldest first, at most `limit`. */
  restaurantEvents(restaurantId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  headSeq(restaurantId: string): Promise<number>;
  /** Every event of the store, for checks and tools; oldest first per stream. */
  allEvents(): Promise<StoredEvent[]>;

  createOrder(order: NewOrder): Promise<Appended>;
  /**
   * Locks the order, lets `decide` look at it (and throw), then appends the event and updates the read model.
   * `known`: the order as the caller last saw it (OpenOrders). The store decides on it and writes only
   * if the stored version is still `known.version`; when it is not, or `decide` refuses the copy, it
   * reads the order and decides again, so a stale copy costs a read, never a wrong event.
   */
  transition(orderId: string, actor: string, decide: (order: Order) => TransitionDecision, known?: Order): Promise<Appended>;

  close(): Promise<void>;
}
