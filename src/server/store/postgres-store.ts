import type pg from 'pg';
import { RtcError } from '../../protocol/errors.js';
import type { Order, Role, StoredEvent, User } from '../../protocol/model.js';
import { OPEN_STATUSES } from '../../protocol/status.js';
import { creationDraft, numbered, transitionDraft, type AppendDraft } from '../../domain/order-events.js';
import { newOrderId } from './order-id.js';
import { connectError, createPool } from './postgres-connect.js';
import { migrate } from './postgres-migrations.js';
import { toEvent, toOrder, toUser, type EventRow, type OrderRow, type UserRow } from './postgres-rows.js';
import type { Appended, NewOrder, OrderFilter, Restaurant, Store, TransitionDecision, UserRecord } from './store.js';

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');


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

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
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
    await this.pool.query('INSERT INTO restaurants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name', [
      restaurant.id,
      restaurant.name,
    ]);
  }

  listRestaurants(): Promise<Restaurant[]> {
    return this.rows<Restaurant>('SELECT id, name FROM restaurants ORDER BY id');
  }

  async getRestaurant(id: string): Promise<Restaurant | undefined> {
    return (await this.rows<Restaurant>('SELECT id, name FROM restaurants WHERE id = $1', [id]))[0];
  }

  async createUser(user: { username: string; role: Role; restaurantId: string | null; passwordHash: string; salt: string }): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO users (id, username, role, restaurant_id, password_hash, salt) VALUES ($1, $1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [user.username, user.role, user.restaurantId, user.passwordHash, user.salt],
    );
    return result.rowCount === 1;
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const [row] = await this.rows<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    return row && toUser(row);
  }

  async getUser(id: string): Promise<User | undefined> {
    const [row] = await this.rows<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    if (!row) return undefined;
    const { passwordHash: _p, salt: _s, ...user } = toUser(row);
    return user;
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const [row] = await this.rows<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
    return row && toOrder(row);
  }

  async listOrders(filter: OrderFilter): Promise<Order[]> {
    const where: string[] = [];
    const params: string[] = [];
    const add = (column: string, value: string) => (params.push(value), where.push(`${column} = $${params.length}`));
    if (filter.restaurantId) add('restaurant_id', filter.restaurantId);
    if (filter.status) add('status', filter.status);
    if (filter.customerId) add('customer_id', filter.customerId);
    if (filter.openOnly) where.push(`status IN (${OPEN_LIST})`);
    const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
    return (await this.rows<OrderRow>(sql, params)).map(toOrder);
  }

  async countOpenOrdersByRestaurant(): Promise<Record<string, number>> {
    const rows = await this.rows<{ restaurant_id: string; n: number }>(
      `SELECT restaurant_id, COUNT(*) AS n FROM orders WHERE status IN (${OPEN_LIST}) GROUP BY restaurant_id`,
    );
    return Object.fromEntries(rows.map((r) => [r.restaurant_id, r.n]));
  }

  async countOrdersByStatus(): Promise<Record<string, number>> {
    const rows = await this.rows<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM orders GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async orderEvents(orderId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const rows = await this.rows<EventRow>('SELECT * FROM events WHERE order_id = $1 AND version > $2 ORDER BY version', [orderId, afterVersion]);
    return rows.map((row) => toEvent(row, this.epoch));
  }

  async restaurantEvents(restaurantId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.rows<EventRow>('SELECT * FROM events WHERE restaurant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
      restaurantId,
      afterSeq,
      limit,
    ]);
    return rows.map((row) => toEvent(row, this.epoch));
  }

  async headSeq(restaurantId: string): Promise<number> {
    const [row] = await this.rows<{ last_seq: number }>('SELECT last_seq FROM restaurants WHERE id = $1', [restaurantId]);
    return row?.last_seq ?? 0;
  }

  async allEvents(): Promise<StoredEvent[]> {
    return (await this.rows<EventRow>('SELECT * FROM events ORDER BY restaurant_id, seq')).map((row) => toEvent(row, this.epoch));
  }

  /** Takes the restaurant's next seq (locking its row until commit) and writes the event under it. */
  private async appendEvent(client: pg.PoolClient, draft: AppendDraft): Promise<Appended> {
    const event = draft.event;
    const next = await client.query<{ last_seq: number }>('UPDATE restaurants SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq', [
      event.restaurantId,
    ]);
    const seq = next.rows[0]?.last_seq;
    if (seq === undefined) throw new RtcError('NOT_FOUND', `restaurant ${event.restaurantId} does not exist`);
    await client.query(
      `INSERT INTO events (restaurant_id, seq, order_id, version, type, from_status, to_status, actor, reason, timestamp, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        event.restaurantId,
        seq,
        event.orderId,
        event.version,
        event.type,
        event.from,
        event.to,
        event.actor,
        event.reason,
        event.timestamp,
        event.details ? JSON.stringify(event.details) : null,
      ],
    );
    return numbered(draft, seq, this.epoch);
  }

  createOrder(order: NewOrder): Promise<Appended> {
    return this.inTransaction(async (client) => {
      const timestamp = new Date().toISOString();
      // The read-model row first: its primary key settles a clash of random ids between nodes.
      let id = newOrderId();
      for (;;) {
        const inserted = await client.query(
          `INSERT INTO orders (id, restaurant_id, customer_id, customer_name, items, amount, status, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'Pending', 1, $7, $7) ON CONFLICT (id) DO NOTHING`,
          [id, order.restaurantId, order.customerId, order.customerName, JSON.stringify(order.items), order.amount, timestamp],
        );
        if (inserted.rowCount === 1) break;
        id = newOrderId();
      }
      return this.appendEvent(client, creationDraft(id, order, timestamp));
    }).catch((error: unknown) => {
      // The restaurant row is missing: the foreign key on orders says so before the seq update can.
      if ((error as { code?: string }).code === '23503') throw new RtcError('NOT_FOUND', `restaurant ${order.restaurantId} does not exist`);
      throw error;
    });
  }

  transition(orderId: string, actor: string, decide: (order: Order) => TransitionDecision): Promise<Appended> {
    return this.inTransaction(async (client) => {
      const locked = await client.query<OrderRow>('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
      const row = locked.rows[0];
      if (!row) throw new RtcError('NOT_FOUND', `order ${orderId} does not exist: check the id with rtc order list`);
      const current = toOrder(row);
      const draft = transitionDraft(current, decide(current), actor, new Date().toISOString());
      const appended = await this.appendEvent(client, draft);
      await client.query('UPDATE orders SET status = $1, version = $2, updated_at = $3 WHERE id = $4', [
        draft.order.status,
        draft.order.version,
        draft.order.updatedAt,
        orderId,
      ]);
      return appended;
    });
  }

  private closing: Promise<void> | undefined;

  close(): Promise<void> {
    return (this.closing ??= this.pool.end());
  }
}
