import type { Appended, NewOrder, TransitionDecision } from '../../domain/order-events.js';
import type { Order, Role, StoredEvent, User } from '../../protocol/model.js';
import type { Status } from '../../protocol/status.js';

/** A user as the server keeps it: `tokenGen` is the session generation its access tokens must carry. */
export interface UserRecord extends User {
  passwordHash: string;
  salt: string;
  disabled: boolean;
  tokenGen: number;
}

/** A user as an account manager sees it (GET /api/users). */
export interface UserInfo extends User {
  disabled: boolean;
}

/** A user without their secrets, with the session generation their access tokens must carry. */
export interface StoredUser extends UserInfo {
  tokenGen: number;
}

/** What PATCH /api/users/:id may change; any of it ends the user's sessions (bumps token_gen). */
export interface UserChange {
  role?: Role | undefined;
  restaurantId?: string | null | undefined;
  password?: { passwordHash: string; salt: string } | undefined;
  disabled?: boolean | undefined;
}

/** What Store.updateUser did: the user as it is now, and the API keys it revoked (made by the user, and by those keys). */
export interface UserUpdate {
  user: UserInfo;
  revokedKeys: string[];
}

/** What Store.deleteUser did besides removing the user: the API keys it revoked. */
export interface UserRemoval {
  revokedKeys: string[];
}

export interface NewUser {
  username: string;
  role: Role;
  restaurantId: string | null;
  passwordHash: string;
  salt: string;
}

/** One refresh token's row; times in ms since the epoch. */
export interface RefreshTokenRecord {
  sessionId: string;
  userId: string;
  expiresAt: number;
  /** When it was first traded for a new pair; null while unspent. */
  usedAt: number | null;
  /** Whether its session (the login's family) was revoked. */
  sessionRevoked: boolean;
}

/** An API key as stored; the token itself is never stored, only its sha256. Times in ms. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  restaurantId: string | null;
  tokenHash: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

/** What a node needs to check access tokens: every user's generation, and sessions revoked lately. */
export interface SessionState {
  users: { id: string; tokenGen: number; disabled: boolean }[];
  revokedSessions: string[];
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

  /** Adds a restaurant unless its id is taken; answers whether it added it. */
  createRestaurant(restaurant: Restaurant): Promise<boolean>;
  /** Answers the renamed restaurant, or undefined when there is none with that id. */
  renameRestaurant(id: string, name: string): Promise<Restaurant | undefined>;

  /** Creates the user unless one with that username exists; answers whether it created it. The id is the username. */
  createUser(user: NewUser): Promise<boolean>;
  getUserByUsername(username: string): Promise<UserRecord | undefined>;
  /** The user without password hash and salt. */
  getUser(id: string): Promise<StoredUser | undefined>;
  countUsers(): Promise<number>;
  /** Users, by username; only those of one restaurant when it is given. */
  listUsers(restaurantId?: string): Promise<UserInfo[]>;
  /**
   * Changes a user and ends every session of theirs (token_gen + 1, refresh tokens revoked), in one
   * transaction; when the user ends up disabled or with another role or restaurant, the same
   * transaction revokes the API keys they made (and the keys those made). Throws NOT_FOUND (no such
   * user), CONFLICT (it would leave no active superadmin).
   */
  updateUser(id: string, change: UserChange, now: number): Promise<UserUpdate>;
  /** Deletes a user with their sessions and revokes the API keys they made, in one transaction. Throws NOT_FOUND, CONFLICT (the last active superadmin). */
  deleteUser(id: string, now: number): Promise<UserRemoval>;

  /** Starts a login's session (the refresh token family) with its first refresh token. */
  createSession(session: { id: string; userId: string; createdAt: number }, refresh: { hash: string; expiresAt: number }): Promise<void>;
  /** Adds a refresh token to an existing session. */
  addRefreshToken(refresh: { hash: string; sessionId: string; userId: string; expiresAt: number }): Promise<void>;
  /** Marks the refresh token spent at `now` unless it was already; answers its row as it was before. */
  spendRefreshToken(hash: string, now: number): Promise<RefreshTokenRecord | undefined>;
  /** Revokes a session (its refresh tokens stop working); answers its user id, or undefined when unknown. */
  revokeSession(id: string, now: number): Promise<string | undefined>;
  /** Every user's session generation, and the sessions revoked at or after `revokedSince` (ms). */
  sessionState(revokedSince: number): Promise<SessionState>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  /** Keys not revoked, newest first; only those of one restaurant when it is given. */
  listApiKeys(restaurantId?: string): Promise<ApiKeyRecord[]>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  apiKeyByHash(tokenHash: string): Promise<ApiKeyRecord | undefined>;
  /**
   * Revokes the key and every live key made from it (to any depth), in one transaction. Answers the
   * ids revoked, the key's first; undefined when there is no such key or it was revoked already.
   */
  revokeApiKey(id: string, now: number): Promise<string[] | undefined>;

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
