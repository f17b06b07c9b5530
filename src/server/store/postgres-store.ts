import type pg from 'pg';
import { creationDraft, draftOnCopy, numbered, transitionDraft, type AppendDraft } from '../../domain/order-events.js';
import { RtcError } from '../../protocol/errors.js';
import type { Order, StoredEvent } from '../../protocol/model.js';
import { newOrderId } from './order-id.js';
import { connectError, createPool } from './postgres-connect.js';
import { migrate } from './postgres-migrations.js';
import { isForeignKeyViolation } from './sql/foreign-key.js';
import * as sql from './sql/queries.js';
import { countsBy, eventParams, orderParams, toEvent, toOrder, toUser, type EventRow, type OrderRow, type UserRow } from './sql/rows.js';
import * as accounts from './sql/accounts.js';
import type {
  ApiKeyRecord,
  Appended,
  NewOrder,
  NewUser,
  OrderFilter,
  RefreshTokenRecord,
  Restaurant,
  SessionState,
  Store,
  StoredUser,
  TransitionDecision,
  UserChange,
  UserInfo,
  UserRemoval,
  UserUpdate,
  UserRecord,
} from './store.js';

/**
 * The store on a PostgreSQL database that several rtc nodes share. Correctness under writers on
 * different nodes comes from the database, not from this process: each append locks the
 * restaurant row (UPDATE ... RETURNING last_seq) until it commits, so a restaurant's seqs are handed
 * out and committed in order without holes; a transition first locks the order row
 * (SELECT ... FOR UPDATE), so two nodes never give out the same version. Locks are always taken
 * order first, restaurant second, so two transactions cannot deadlock.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(
    private readonly pool: pg.Pool,
    readonly epoch: string,
  ) {}

  static async open(url: string): Promise<PostgresStore> {
    const pool = createPool(url);
    try {
      const client = await pool.connect();
      try {
        return new PostgresStore(pool, await migrate(client));
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => {});
      throw connectError(url, error);
    }
  }

  /** Runs one of the shared statements (written with `?`) on `on`: the pool, or a transaction's client. */
  private query<R extends pg.QueryResultRow>(text: string, params: unknown[] = [], on: pg.Pool | pg.PoolClient = this.pool): Promise<pg.QueryResult<R>> {
    return on.query<R>(sql.dollarParams(text), params);
  }

  private async rows<R extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
    return (await this.query<R>(text, params)).rows;
  }

  private async inTransaction<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async upsertRestaurant(restaurant: Restaurant): Promise<void> {
    await this.query(sql.UPSERT_RESTAURANT, [restaurant.id, restaurant.name]);
  }

  listRestaurants(): Promise<Restaurant[]> {
    return this.rows<Restaurant>(sql.LIST_RESTAURANTS);
  }

  async getRestaurant(id: string): Promise<Restaurant | undefined> {
    return (await this.rows<Restaurant>(sql.GET_RESTAURANT, [id]))[0];
  }

  async createRestaurant(restaurant: Restaurant): Promise<boolean> {
    return (await this.query(accounts.INSERT_RESTAURANT, [restaurant.id, restaurant.name])).rowCount === 1;
  }

  async renameRestaurant(id: string, name: string): Promise<Restaurant | undefined> {
    return (await this.rows<Restaurant>(accounts.RENAME_RESTAURANT, [name, id]))[0];
  }

  async createUser(user: NewUser): Promise<boolean> {
    const params = [user.username, user.username, user.role, user.restaurantId, user.passwordHash, user.salt, Date.now()];
    return (await this.query(accounts.INSERT_USER_WITH_GEN, params)).rowCount === 1;
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const [row] = await this.rows<UserRow>(sql.USER_BY_USERNAME, [username]);
    return row && toUser(row);
  }

  async getUser(id: string): Promise<StoredUser | undefined> {
    const [row] = await this.rows<UserRow>(sql.USER_BY_ID, [id]);
    if (!row) return undefined;
    const { passwordHash: _p, salt: _s, ...user } = toUser(row);
    return user;
  }

  async countUsers(): Promise<number> {
    return (await this.rows<{ n: number }>(accounts.COUNT_USERS))[0]!.n;
  }

  async listUsers(restaurantId?: string): Promise<UserInfo[]> {
    const rows =
      restaurantId === undefined ? await this.rows<UserRow>(accounts.LIST_USERS) : await this.rows<UserRow>(accounts.LIST_USERS_OF, [restaurantId]);
    return rows.map(accounts.toUserInfo);
  }

  updateUser(id: string, change: UserChange, now: number): Promise<UserUpdate> {
    return this.inTransaction((client) => accounts.updateUserIn(this.sqlTx(client), id, change, now));
  }

  deleteUser(id: string, now: number): Promise<UserRemoval> {
    return this.inTransaction((client) => accounts.deleteUserIn(this.sqlTx(client), id, now));
  }

  private sqlTx(client: pg.PoolClient): accounts.SqlTx {
    return {
      forUpdate: ' FOR UPDATE',
      get: async <T>(text: string, params: unknown[]) => (await this.query(text, params, client)).rows[0] as T | undefined,
      all: async <T>(text: string, params: unknown[]) => (await this.query(text, params, client)).rows as T[],
      run: async (text: string, params: unknown[]) => (await this.query(text, params, client)).rowCount ?? 0,
    };
  }

  createSession(session: { id: string; userId: string; createdAt: number }, refresh: { hash: string; expiresAt: number }): Promise<void> {
    return this.inTransaction(async (client) => {
      await this.query(accounts.INSERT_SESSION, [session.id, session.userId, session.createdAt], client);
      await this.query(accounts.INSERT_REFRESH, [refresh.hash, session.id, session.userId, refresh.expiresAt], client);
    });
  }

  async addRefreshToken(refresh: { hash: string; sessionId: string; userId: string; expiresAt: number }): Promise<void> {
    await this.query(accounts.INSERT_REFRESH, [refresh.hash, refresh.sessionId, refresh.userId, refresh.expiresAt]);
  }

  spendRefreshToken(hash: string, now: number): Promise<RefreshTokenRecord | undefined> {
    return this.inTransaction(async (client) => {
      // The row lock makes a second spender wait, then see the first one's used_at.
      const [row] = (await this.query<accounts.RefreshRow>(`${accounts.REFRESH_BY_HASH} FOR UPDATE OF r`, [hash], client)).rows;
      if (row) await this.query(accounts.SPEND_REFRESH, [now, hash], client);
      return row && accounts.toRefresh(row);
    });
  }

  revokeSession(id: string, now: number): Promise<string | undefined> {
    return this.inTransaction(async (client) => {
      await this.query(accounts.REVOKE_SESSION, [now, id], client);
      await this.query(accounts.DELETE_SESSION_REFRESH, [id], client);
      return (await this.query<{ user_id: string }>(accounts.SESSION_USER, [id], client)).rows[0]?.user_id;
    });
  }

  async sessionState(revokedSince: number): Promise<SessionState> {
    const [users, revoked] = await Promise.all([
      this.rows<{ id: string; token_gen: number; disabled: number }>(accounts.USER_GENERATIONS),
      this.rows<{ id: string }>(accounts.REVOKED_SESSIONS, [revokedSince]),
    ]);
    return {
      users: users.map((row) => ({ id: row.id, tokenGen: Number(row.token_gen), disabled: Boolean(row.disabled) })),
      revokedSessions: revoked.map((row) => row.id),
    };
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.query(accounts.INSERT_API_KEY, accounts.apiKeyParams(key));
  }

  async listApiKeys(restaurantId?: string): Promise<ApiKeyRecord[]> {
    const rows =
      restaurantId === undefined
        ? await this.rows<accounts.ApiKeyRow>(accounts.LIST_API_KEYS)
        : await this.rows<accounts.ApiKeyRow>(accounts.LIST_API_KEYS_OF, [restaurantId]);
    return rows.map(accounts.toApiKey);
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.rows<accounts.ApiKeyRow>(accounts.API_KEY_BY_ID, [id]);
    return row && accounts.toApiKey(row);
  }

  async apiKeyByHash(tokenHash: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.rows<accounts.ApiKeyRow>(accounts.API_KEY_BY_HASH, [tokenHash]);
    return row && accounts.toApiKey(row);
  }

  revokeApiKey(id: string, now: number): Promise<string[] | undefined> {
    return this.inTransaction((client) => accounts.revokeApiKeyIn(this.sqlTx(client), id, now));
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const [row] = await this.rows<OrderRow>(sql.GET_ORDER, [id]);
    return row && toOrder(row);
  }

  async listOrders(filter: OrderFilter): Promise<Order[]> {
    const { sql: text, params } = sql.listOrders(filter);
    return (await this.rows<OrderRow>(text, params)).map(toOrder);
  }

  async countOpenOrdersByRestaurant(): Promise<Record<string, number>> {
    return countsBy(await this.rows<{ restaurant_id: string; n: number }>(sql.COUNT_OPEN_BY_RESTAURANT), 'restaurant_id');
  }

  async countOrdersByStatus(): Promise<Record<string, number>> {
    return countsBy(await this.rows<{ status: string; n: number }>(sql.COUNT_BY_STATUS), 'status');
  }

  async orderEvents(orderId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return (await this.rows<EventRow>(sql.ORDER_EVENTS, [orderId, afterVersion])).map((row) => toEvent(row, this.epoch));
  }

  async restaurantEvents(restaurantId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return (await this.rows<EventRow>(sql.RESTAURANT_EVENTS, [restaurantId, afterSeq, limit])).map((row) => toEvent(row, this.epoch));
  }

  async headSeq(restaurantId: string): Promise<number> {
    const [row] = await this.rows<{ last_seq: number }>(sql.HEAD_SEQ, [restaurantId]);
    return row?.last_seq ?? 0;
  }

  async allEvents(): Promise<StoredEvent[]> {
    return (await this.rows<EventRow>(sql.ALL_EVENTS)).map((row) => toEvent(row, this.epoch));
  }

  /** Takes the restaurant's next seq (locking its row until commit) and writes the event under it. */
  private async appendEvent(client: pg.PoolClient, draft: AppendDraft): Promise<Appended> {
    const event = draft.event;
    const next = await this.query<{ last_seq: number }>(sql.NEXT_SEQ, [event.restaurantId], client);
    const seq = next.rows[0]?.last_seq;
    if (seq === undefined) throw RtcError.notFound('restaurant', event.restaurantId);
    await this.query(sql.INSERT_EVENT, eventParams(event, seq), client);
    return numbered(draft, seq, this.epoch);
  }

  /** The order row first, then its event: the same steps as SqliteStore's. */
  createOrder(order: NewOrder): Promise<Appended> {
    return this.inTransaction(async (client) => {
      const timestamp = new Date().toISOString();
      // The read-model row first: its primary key settles a clash of random ids between nodes.
      let draft: AppendDraft;
      do draft = creationDraft(newOrderId(), order, timestamp);
      while ((await this.query(sql.INSERT_ORDER, orderParams(draft.order), client)).rowCount === 0);
      return this.appendEvent(client, draft);
    }).catch((error: unknown) => {
      // The restaurant row is missing: the foreign key on orders says so before the seq update can.
      if (isForeignKeyViolation(error)) throw RtcError.notFound('restaurant', order.restaurantId);
      throw error;
    });
  }

  /**
   * The transition decided on the caller's copy: the UPDATE with its version check locks the row and
   * is the read (one round trip fewer). Undefined when another node moved the order on since the copy
   * was made, or `decide` refuses the copy: the caller reads it and decides again.
   */
  private async fromKnown(client: pg.PoolClient, known: Order, actor: string, decide: (order: Order) => TransitionDecision): Promise<Appended | undefined> {
    const draft = draftOnCopy(known, actor, decide, new Date().toISOString());
    if (!draft) return undefined;
    const { status, version, updatedAt } = draft.order;
    const updated = await this.query(sql.UPDATE_ORDER, [status, version, updatedAt, known.id, known.version], client);
    if (updated.rowCount !== 1) return undefined;
    return this.appendEvent(client, draft);
  }

  transition(orderId: string, actor: string, decide: (order: Order) => TransitionDecision, known?: Order): Promise<Appended> {
    return this.inTransaction(async (client) => {
      const fast = known?.id === orderId ? await this.fromKnown(client, known, actor, decide) : undefined;
      if (fast) return fast;
      const locked = await this.query<OrderRow>(`${sql.GET_ORDER} FOR UPDATE`, [orderId], client);
      const row = locked.rows[0];
      if (!row) throw RtcError.notFound('order', orderId, { hint: 'check the id with rtc order list' });
      const current = toOrder(row);
      const draft = transitionDraft(current, decide(current), actor, new Date().toISOString());
      const appended = await this.appendEvent(client, draft);
      const { status, version, updatedAt } = draft.order;
      await this.query(sql.UPDATE_ORDER, [status, version, updatedAt, orderId, current.version], client);
      return appended;
    });
  }

  private closing: Promise<void> | undefined;

  close(): Promise<void> {
    return (this.closing ??= this.pool.end());
  }
}
