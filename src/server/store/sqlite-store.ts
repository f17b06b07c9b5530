import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RtcError } from '../../protocol/errors.js';
import type { Order, OrderItem, Role, StoredEvent, User } from '../../protocol/model.js';
import { OPEN_STATUSES, type Status } from '../../protocol/status.js';
import { newEpoch } from './epoch.js';
import { creationDraft, numbered, transitionDraft, type AppendDraft } from './append-draft.js';
import { newOrderId } from './order-id.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type { Appended, NewOrder, OrderFilter, Restaurant, Store, TransitionDecision, UserRecord } from './store.js';

interface OrderRow {
  id: string;
  restaurant_id: string;
  customer_id: string | null;
  customer_name: string;
  items: string;
  amount: number;
  status: Status;
  version: number;
  created_at: string;
  updated_at: string;
}

interface EventRow {
  restaurant_id: string;
  seq: number;
  order_id: string;
  version: number;
  type: 'OrderCreated' | 'OrderStatusChanged';
  from_status: Status | null;
  to_status: Status;
  actor: string;
  reason: string | null;
  timestamp: string;
  details: string | null;
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  restaurant_id: string | null;
  password_hash: string;
  salt: string;
}

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    restaurantId: row.restaurant_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    items: JSON.parse(row.items) as OrderItem[],
    amount: row.amount,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    restaurantId: row.restaurant_id,
    passwordHash: row.password_hash,
    salt: row.salt,
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Turns SQLite's terse failures at open time into a message that names the file and the fix. */
function openError(path: string, error: unknown): RtcError {
  const code = (error as { code?: string }).code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(detail)) {
    return new RtcError('BAD_REQUEST', `${path} is not an SQLite database: point --db at an rtc database or a new file`, { cause: error });
  }
  if (/directory does not exist/i.test(detail)) {
    const folder = dirname(path);
    return new RtcError('BAD_REQUEST', `cannot create ${path}: the folder ${folder} does not exist: create it (mkdir -p ${folder}) or choose another --db`, { cause: error });
  }
  if (isFolder(path)) {
    return new RtcError('BAD_REQUEST', `${path} is a folder: give --db a file in it, e.g. --db ${path.replace(/\/+$/, '')}/rtc.db`, { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || /readonly|unable to open/i.test(detail)) {
    return new RtcError('BAD_REQUEST', `cannot open ${path} for writing (${detail}): check its permissions or choose another --db`, { cause: error });
  }
  return new RtcError('INTERNAL', `cannot open database ${path}: ${detail}`, { cause: error });
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly epoch: string;
  private readonly db: Database.Database;
  private readonly stmt;

  private constructor(db: Database.Database) {
    this.db = db;
    this.stmt = {
      getOrder: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?'),
      insertOrder: db.prepare(
        `INSERT INTO orders (id, restaurant_id, customer_id, customer_name, items, amount, status, version, created_at, updated_at)
         VALUES (@id, @restaurant_id, @customer_id, @customer_name, @items, @amount, @status, @version, @created_at, @updated_at)`,
      ),
      updateOrder: db.prepare('UPDATE orders SET status = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?'),
      nextSeq: db.prepare<[string], { last_seq: number }>('UPDATE restaurants SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq'),
      insertEvent: db.prepare(
        `INSERT INTO events (restaurant_id, seq, order_id, version, type, from_status, to_status, actor, reason, timestamp, details)
         VALUES (@restaurant_id, @seq, @order_id, @version, @type, @from_status, @to_status, @actor, @reason, @timestamp, @details)`,
      ),
      orderEvents: db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE order_id = ? AND version > ? ORDER BY version'),
      restaurantEvents: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE restaurant_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      headSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM restaurants WHERE id = ?'),
      orderExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM orders WHERE id = ?'),
    };
    this.epoch = this.readOrCreateEpoch();
  }

  static open(path: string): SqliteStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { fileMustExist: false });
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a committed transaction survives a process crash (kill -9); only a power cut can lose the last ones.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // Under a stream of commands each commit dirties pages all over the orders, events and their
      // indexes: a 64 MB page cache keeps them in memory (SQLite's default is 2 MB), and checkpoints
      // every 10,000 WAL pages instead of 1,000 copy each hot page once per checkpoint, not ten
      // times, and run their fsyncs a tenth as often. The WAL file can grow to about 40 MB.
      db.pragma('cache_size = -65536');
      db.pragma('wal_autocheckpoint = 10000');
      migrate(db);
      return new SqliteStore(db);
    } catch (error) {
      db?.close();
      if (error instanceof RtcError) throw error;
      throw openError(path, error);
    }
  }

  private readOrCreateEpoch(): string {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'").get();
    if (row) return row.value;
    const epoch = newEpoch();
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('epoch', ?)").run(epoch);
    return epoch;
  }

  private toEvent(row: EventRow): StoredEvent {
    const event: StoredEvent = {
      seq: row.seq,
      epoch: this.epoch,
      orderId: row.order_id,
      restaurantId: row.restaurant_id,
      version: row.version,
      type: row.type,
      from: row.from_status,
      to: row.to_status,
      actor: row.actor,
      reason: row.reason,
      timestamp: row.timestamp,
    };
    if (row.details) event.details = JSON.parse(row.details) as StoredEvent['details'];
    return event;
  }

  async upsertRestaurant(restaurant: Restaurant): Promise<void> {
    this.db
      .prepare('INSERT INTO restaurants (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name')
      .run(restaurant.id, restaurant.name);
  }

  async listRestaurants(): Promise<Restaurant[]> {
    return this.db.prepare<[], Restaurant>('SELECT id, name FROM restaurants ORDER BY id').all();
  }

  async getRestaurant(id: string): Promise<Restaurant | undefined> {
    return this.db.prepare<[string], Restaurant>('SELECT id, name FROM restaurants WHERE id = ?').get(id);
  }

  async createUser(user: { username: string; role: Role; restaurantId: string | null; passwordHash: string; salt: string }): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO users (id, username, role, restaurant_id, password_hash, salt) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (username) DO NOTHING`,
      )
      .run(user.username, user.username, user.role, user.restaurantId, user.passwordHash, user.salt);
    return result.changes === 1;
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?').get(username);
    return row && toUser(row);
  }

  async getUser(id: string): Promise<User | undefined> {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    if (!row) return undefined;
    const { passwordHash: _p, salt: _s, ...user } = toUser(row);
    return user;
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const row = this.stmt.getOrder.get(id);
    return row && toOrder(row);
  }

  async listOrders(filter: OrderFilter): Promise<Order[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.restaurantId) (where.push('restaurant_id = ?'), params.push(filter.restaurantId));
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    if (filter.customerId) (where.push('customer_id = ?'), params.push(filter.customerId));
    if (filter.openOnly) where.push(`status IN (${OPEN_LIST})`);
    const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
    return this.db.prepare<string[], OrderRow>(sql).all(...params).map(toOrder);
  }

  async countOpenOrdersByRestaurant(): Promise<Record<string, number>> {
    const rows = this.db
      .prepare<[], { restaurant_id: string; n: number }>(
        `SELECT restaurant_id, COUNT(*) AS n FROM orders WHERE status IN (${OPEN_LIST}) GROUP BY restaurant_id`,
      )
      .all();
    return Object.fromEntries(rows.map((r) => [r.restaurant_id, r.n]));
  }

  async countOrdersByStatus(): Promise<Record<string, number>> {
    const rows = this.db.prepare<[], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM orders GROUP BY status').all();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async orderEvents(orderId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return this.stmt.orderEvents.all(orderId, afterVersion).map((row) => this.toEvent(row));
  }

  async restaurantEvents(restaurantId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.stmt.restaurantEvents.all(restaurantId, afterSeq, limit).map((row) => this.toEvent(row));
  }

  async headSeq(restaurantId: string): Promise<number> {
    return this.stmt.headSeq.get(restaurantId)?.last_seq ?? 0;
  }

  async allEvents(): Promise<StoredEvent[]> {
    return this.db
      .prepare<[], EventRow>('SELECT * FROM events ORDER BY restaurant_id, seq')
      .all()
      .map((row) => this.toEvent(row));
  }

  /** Numbers the event with its restaurant's next seq and writes it. */
  private appendEvent(draft: AppendDraft): Appended {
    const event = draft.event;
    const next = this.stmt.nextSeq.get(event.restaurantId);
    if (!next) throw new RtcError('NOT_FOUND', `restaurant ${event.restaurantId} does not exist`);
    this.stmt.insertEvent.run({
      restaurant_id: event.restaurantId,
      seq: next.last_seq,
      order_id: event.orderId,
      version: event.version,
      type: event.type,
      from_status: event.from,
      to_status: event.to,
      actor: event.actor,
      reason: event.reason,
      timestamp: event.timestamp,
      details: event.details ? JSON.stringify(event.details) : null,
    });
    return numbered(draft, next.last_seq, this.epoch);
  }

  private readonly createTx = (order: NewOrder): Appended => {
    let id = newOrderId();
    while (this.stmt.orderExists.get(id)) id = newOrderId();
    const draft = creationDraft(id, order, new Date().toISOString());
    const appended = this.appendEvent(draft);
    const created = draft.order;
    this.stmt.insertOrder.run({
      id,
      restaurant_id: created.restaurantId,
      customer_id: created.customerId,
      customer_name: created.customerName,
      items: JSON.stringify(created.items),
      amount: created.amount,
      status: created.status,
      version: created.version,
      created_at: created.createdAt,
      updated_at: created.updatedAt,
    });
    return appended;
  };

  private readonly transitionTx = (orderId: string, actor: string, decide: (order: Order) => TransitionDecision): Appended => {
    const row = this.stmt.getOrder.get(orderId);
    if (!row) throw new RtcError('NOT_FOUND', `order ${orderId} does not exist: check the id with rtc order list`);
    const current = toOrder(row);
    const draft = transitionDraft(current, decide(current), actor, new Date().toISOString());
    const appended = this.appendEvent(draft);
    this.stmt.updateOrder.run(draft.order.status, draft.order.version, draft.order.updatedAt, orderId, current.version);
    return appended;
  };

  /** Appends waiting for the group commit, in arrival order. */
  private queue: { append: () => Appended; resolve: (appended: Appended) => void; reject: (error: unknown) => void }[] = [];
  private commitScheduled = false;
  private groupTx: ((group: (() => Appended)[]) => ({ ok: true; appended: Appended } | { ok: false; error: unknown })[]) | undefined;
  private savepoint: ((append: () => Appended) => Appended) | undefined;

  /**
   * Group commit: every append that arrives in one turn of the event loop goes into one transaction,
   * each in its own savepoint (one refused transition rolls back alone). A commit writes each dirty
   * page once however many events it holds, so under load the log costs a few page writes per batch
   * instead of per event. Nobody hears of an append before its COMMIT: persist, then publish, holds.
   */
  private enqueue(append: () => Appended): Promise<Appended> {
    return new Promise((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      if (this.commitScheduled) return;
      this.commitScheduled = true;
      setImmediate(() => this.commitGroup());
    });
  }

  private commitGroup(): void {
    this.commitScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    // Created lazily: class fields run before the constructor body assigns this.db.
    this.savepoint ??= this.db.transaction((append: () => Appended) => append());
    const savepoint = this.savepoint;
    this.groupTx ??= this.db.transaction((appends: (() => Appended)[]) =>
      appends.map((append) => {
        try {
          return { ok: true as const, appended: savepoint(append) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    ).immediate;
    let outcomes;
    try {
      outcomes = this.groupTx(group.map((item) => item.append));
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    // In arrival order, so that each restaurant's events are published in seq order.
    outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.appended) : group[i]!.reject(outcome.error)));
  }

  async createOrder(order: NewOrder): Promise<Appended> {
    return this.enqueue(() => this.createTx(order));
  }

  async transition(orderId: string, actor: string, decide: (order: Order) => TransitionDecision): Promise<Appended> {
    return this.enqueue(() => this.transitionTx(orderId, actor, decide));
  }

  async close(): Promise<void> {
    if (this.db.open && this.queue.length) this.commitGroup();
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new RtcError(
      'BAD_REQUEST',
      `database schema version ${current} is newer than this rtc understands (${SQLITE_MIGRATIONS.length}): upgrade rtc`,
    );
  }
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      SQLITE_MIGRATIONS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
