import Database from 'better-sqlite3';
import { creationDraft, draftOnCopy, numbered, transitionDraft, type AppendDraft } from '../../domain/order-events.js';
import { RtcError } from '../../protocol/errors.js';
import type { Order, StoredEvent } from '../../protocol/model.js';
import type { Logger } from '../logger.js';
import { newEpoch } from './epoch.js';
import { newOrderId } from './order-id.js';
import { isForeignKeyViolation } from './sql/foreign-key.js';
import * as sql from './sql/queries.js';
import { countsBy, eventParams, orderParams, toEvent, toOrder, toUser, type EventRow, type OrderRow, type UserRow } from './sql/rows.js';
import { assertSchemaKnown } from './sql/schema-version.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
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
import { isLockBusy, lockedFault, storeFault } from './sqlite-faults.js';
import { StoreIdentity } from './store-identity.js';
import { GroupSeqs } from './group-seqs.js';
import { WalCheckpointer } from './wal-checkpoint.js';
import { BackgroundCheckpointer, FOREGROUND_AUTOCHECKPOINT } from './background-checkpoint.js';

/** Turns SQLite's terse failures at open time into a message that names the file and the fix. */
function openError(path: string, error: unknown): RtcError {
  const code = (error as { code?: string }).code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(detail)) {
    return new RtcError('BAD_REQUEST', `${path} is not an SQLite database: point --db at an rtc database or a new file`, { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || /readonly|unable to open/i.test(detail)) {
    return new RtcError('BAD_REQUEST', `cannot open ${path} for writing (${detail}): check its permissions or choose another --db`, { cause: error });
  }
  return new RtcError('INTERNAL', `cannot open database ${path}: ${detail}`, { cause: error });
}

/** How SqliteStore.open tunes the store; every field has a default. */
export interface SqliteStoreOptions {
  /** Where store faults (file gone, lock held) are logged. */
  log?: Logger | undefined;
  /** How long a write waits for another process's write lock, retrying without blocking, in ms. */
  lockWaitMs?: number | undefined;
  /** How often an idle store looks at its WAL to truncate it, in ms (0: never). */
  checkpointIntervalMs?: number | undefined;
  /** A WAL under this many bytes is not worth a TRUNCATE checkpoint. */
  checkpointMinBytes?: number | undefined;
  /**
   * 'normal' (default): WAL + synchronous=NORMAL, a committed transaction survives a crash of the
   * process (kill -9) but the last ones may be lost in a power cut. 'full': synchronous=FULL, every
   * commit is fsynced before it is acknowledged, so it survives a power cut too, at one fsync per
   * group commit.
   */
  sync?: 'normal' | 'full' | undefined;
  /**
   * Committed appends after which a worker thread checkpoints the WAL (BackgroundCheckpointer);
   * 0: no worker, SQLite's automatic checkpoint on the serving connection. Default 2,000.
   */
  backgroundCheckpointEvery?: number | undefined;
}

/** Delays between tries of a write that met another process's lock: short first, a few hundred ms in all. */
const LOCK_BACKOFF_MS = [5, 10, 20, 40, 80, 100, 100];

/**
 * A write that met SQLite's write lock: tried again on a timer, never in SQLite's busy handler, which
 * would block the event loop (and every other client) while it waits.
 */
async function whileLocked<T>(write: () => T, waitMs: number, locked: (error: unknown) => Error): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isLockBusy(error)) throw error;
      if (Date.now() - started >= waitMs) throw locked(error);
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_BACKOFF_MS[Math.min(attempt, LOCK_BACKOFF_MS.length - 1)]));
  }
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly epoch: string;
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly identity: StoreIdentity | undefined;
  private readonly checkpointer: WalCheckpointer | undefined;
  /** Copies the WAL into the database off the event loop while commands stream in. */
  readonly background: BackgroundCheckpointer | undefined;
  private readonly log: Logger | undefined;
  private readonly lockWaitMs: number;
  /** When the last write committed (ms since the epoch): the WAL is truncated only when idle. */
  private lastWriteAt = 0;

  private constructor(
    db: Database.Database,
    private readonly path: string,
    options: SqliteStoreOptions,
  ) {
    this.db = db;
    this.log = options.log;
    this.lockWaitMs = options.lockWaitMs ?? 300;
    this.identity = StoreIdentity.of(path);
    this.stmt = {
      getOrder: db.prepare<[string], OrderRow>(sql.GET_ORDER),
      insertOrder: db.prepare(sql.INSERT_ORDER),
      updateOrder: db.prepare(sql.UPDATE_ORDER),
      setSeq: db.prepare<[number, string]>(sql.SET_SEQ),
      insertEvent: db.prepare(sql.INSERT_EVENT),
      orderEvents: db.prepare<[string, number], EventRow>(sql.ORDER_EVENTS),
      restaurantEvents: db.prepare<[string, number, number], EventRow>(sql.RESTAURANT_EVENTS),
      headSeq: db.prepare<[string], { last_seq: number }>(sql.HEAD_SEQ),
      // Read by every order_create and restaurant join: compiling it each time was 3/4 of its cost.
      getRestaurant: db.prepare<[string], Restaurant>(sql.GET_RESTAURANT),
    };
    this.epoch = this.readOrCreateEpoch();
    const every = options.backgroundCheckpointEvery ?? 2_000;
    if (path !== ':memory:' && every > 0) this.background = new BackgroundCheckpointer(db, path, { everyAppends: every, sync: options.sync });
    const intervalMs = options.checkpointIntervalMs ?? 30_000;
    if (path !== ':memory:' && intervalMs > 0) {
      this.checkpointer = new WalCheckpointer(db, path, () => this.isIdle(), { intervalMs, minBytes: options.checkpointMinBytes ?? 4 * 1024 * 1024 });
      this.checkpointer.start();
    }
  }

  /**
   * Opens (creating and migrating as needed) the SQLite store at `path`, or ':memory:'. Throws
   * BAD_REQUEST when the file is not a database or cannot be written (a read-only store is refused at
   * start rather than served with every write failing), INTERNAL for anything else.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { fileMustExist: false });
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a committed transaction survives a process crash (kill -9); only a power cut can lose the last ones.
      db.pragma(options.sync === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Start-up may wait for another process's lock (nothing is served yet); see below for after.
      db.pragma('busy_timeout = 5000');
      // Under a stream of commands each commit dirties pages all over the orders, events and their
      // indexes: a 64 MB page cache keeps them in memory (SQLite's default is 2 MB), and checkpoints
      // every 10,000 WAL pages instead of 1,000 copy each hot page once per checkpoint, not ten
      // times, and run their fsyncs a tenth as often. The WAL file can grow to about 40 MB.
      db.pragma('cache_size = -65536');
      db.pragma(`wal_autocheckpoint = ${FOREGROUND_AUTOCHECKPOINT}`);
      // After a checkpoint the WAL file is cut back to this size instead of staying at its peak.
      db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
      migrate(db);
      assertWritable(db, path);
      const store = new SqliteStore(db, path, options);
      // Served, a write never waits in SQLite's busy handler, which blocks the event loop: it fails at
      // once with SQLITE_BUSY and is retried on a timer (whileLocked, commitGroup).
      db.pragma('busy_timeout = 0');
      return store;
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

  /**
   * Runs one write (its own transaction) for the methods outside the group commit: refused with
   * UNAVAILABLE when the file is gone, retried while another process holds the lock, and any fault of
   * the file (full, read-only, I/O) answered as UNAVAILABLE with its cause.
   */
  private async write<T>(run: () => T): Promise<T> {
    try {
      this.checkIdentity();
      const result = await whileLocked(run, this.lockWaitMs, (error) => this.locked(error));
      this.lastWriteAt = Date.now();
      return result;
    } catch (error) {
      throw storeFault(error, this.path) ?? error;
    }
  }

  private checkIdentity(): void {
    this.identity?.check((error) => this.log?.error({ db: this.path }, error.message));
  }

  private locked(error: unknown): Error {
    const fault = lockedFault(this.path, error);
    this.log?.warn({ db: this.path }, fault.message);
    return fault;
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.held.length === 0 && Date.now() - this.lastWriteAt > 2000;
  }

  /** Size of the write-ahead log in bytes, for /metrics (0 for ':memory:' or no WAL). */
  walBytes(): number {
    return this.checkpointer?.walBytes() ?? 0;
  }

  /** Truncates the WAL now if the store is idle; answers whether it did (tests, tools). */
  checkpointIfIdle(): boolean {
    return this.checkpointer?.maybeCheckpoint() ?? false;
  }

  async upsertRestaurant(restaurant: Restaurant): Promise<void> {
    await this.write(() => this.db.prepare(sql.UPSERT_RESTAURANT).run(restaurant.id, restaurant.name));
  }

  async listRestaurants(): Promise<Restaurant[]> {
    return this.db.prepare<[], Restaurant>(sql.LIST_RESTAURANTS).all();
  }

  async getRestaurant(id: string): Promise<Restaurant | undefined> {
    return this.stmt.getRestaurant.get(id);
  }

  async createRestaurant(restaurant: Restaurant): Promise<boolean> {
    return (await this.write(() => this.db.prepare(accounts.INSERT_RESTAURANT).run(restaurant.id, restaurant.name))).changes === 1;
  }

  async renameRestaurant(id: string, name: string): Promise<Restaurant | undefined> {
    return this.write(() => this.db.prepare<[string, string], Restaurant>(accounts.RENAME_RESTAURANT).get(name, id));
  }

  async createUser(user: NewUser): Promise<boolean> {
    const result = await this.write(() =>
      this.db.prepare(accounts.INSERT_USER_WITH_GEN).run(user.username, user.username, user.role, user.restaurantId, user.passwordHash, user.salt, Date.now()),
    );
    return result.changes === 1;
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare<[string], UserRow>(sql.USER_BY_USERNAME).get(username);
    return row && toUser(row);
  }

  async getUser(id: string): Promise<StoredUser | undefined> {
    const row = this.db.prepare<[string], UserRow>(sql.USER_BY_ID).get(id);
    if (!row) return undefined;
    const { passwordHash: _p, salt: _s, ...user } = toUser(row);
    return user;
  }

  async countUsers(): Promise<number> {
    return this.db.prepare<[], { n: number }>(accounts.COUNT_USERS).get()!.n;
  }

  async listUsers(restaurantId?: string): Promise<UserInfo[]> {
    const rows =
      restaurantId === undefined
        ? this.db.prepare<[], UserRow>(accounts.LIST_USERS).all()
        : this.db.prepare<[string], UserRow>(accounts.LIST_USERS_OF).all(restaurantId);
    return rows.map(accounts.toUserInfo);
  }

  updateUser(id: string, change: UserChange, now: number): Promise<UserUpdate> {
    return this.accountTx((tx) => accounts.updateUserIn(tx, id, change, now));
  }

  deleteUser(id: string, now: number): Promise<UserRemoval> {
    return this.accountTx((tx) => accounts.deleteUserIn(tx, id, now));
  }

  async createSession(session: { id: string; userId: string; createdAt: number }, refresh: { hash: string; expiresAt: number }): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(accounts.INSERT_SESSION).run(session.id, session.userId, session.createdAt);
      this.db.prepare(accounts.INSERT_REFRESH).run(refresh.hash, session.id, session.userId, refresh.expiresAt);
    })();
  }

  async addRefreshToken(refresh: { hash: string; sessionId: string; userId: string; expiresAt: number }): Promise<void> {
    this.db.prepare(accounts.INSERT_REFRESH).run(refresh.hash, refresh.sessionId, refresh.userId, refresh.expiresAt);
  }

  async spendRefreshToken(hash: string, now: number): Promise<RefreshTokenRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.db.prepare<[string], accounts.RefreshRow>(accounts.REFRESH_BY_HASH).get(hash);
      if (row) this.db.prepare(accounts.SPEND_REFRESH).run(now, hash);
      return row && accounts.toRefresh(row);
    })();
  }

  async revokeSession(id: string, now: number): Promise<string | undefined> {
    return this.db.transaction(() => {
      this.db.prepare(accounts.REVOKE_SESSION).run(now, id);
      this.db.prepare(accounts.DELETE_SESSION_REFRESH).run(id);
      return this.db.prepare<[string], { user_id: string }>(accounts.SESSION_USER).get(id)?.user_id;
    })();
  }

  async sessionState(revokedSince: number): Promise<SessionState> {
    const users = this.db.prepare<[], { id: string; token_gen: number; disabled: number }>(accounts.USER_GENERATIONS).all();
    const revoked = this.db.prepare<[number], { id: string }>(accounts.REVOKED_SESSIONS).all(revokedSince);
    return {
      users: users.map((row) => ({ id: row.id, tokenGen: Number(row.token_gen), disabled: Boolean(row.disabled) })),
      revokedSessions: revoked.map((row) => row.id),
    };
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    this.db.prepare(accounts.INSERT_API_KEY).run(...accounts.apiKeyParams(key));
  }

  async listApiKeys(restaurantId?: string): Promise<ApiKeyRecord[]> {
    const rows =
      restaurantId === undefined
        ? this.db.prepare<[], accounts.ApiKeyRow>(accounts.LIST_API_KEYS).all()
        : this.db.prepare<[string], accounts.ApiKeyRow>(accounts.LIST_API_KEYS_OF).all(restaurantId);
    return rows.map(accounts.toApiKey);
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = this.db.prepare<[string], accounts.ApiKeyRow>(accounts.API_KEY_BY_ID).get(id);
    return row && accounts.toApiKey(row);
  }

  async apiKeyByHash(tokenHash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.db.prepare<[string], accounts.ApiKeyRow>(accounts.API_KEY_BY_HASH).get(tokenHash);
    return row && accounts.toApiKey(row);
  }

  revokeApiKey(id: string, now: number): Promise<string[] | undefined> {
    return this.accountTx((tx) => accounts.revokeApiKeyIn(tx, id, now));
  }

  private accountTail: Promise<unknown> = Promise.resolve();

  /**
   * Runs shared account code (which awaits) in one SQLite transaction. Every statement here is
   * synchronous, so the work runs to its end within one turn of the event loop: no group commit
   * (set for a later turn) can fall inside it. Account transactions queue behind each other.
   */
  private accountTx<R>(work: (tx: accounts.SqlTx) => Promise<R>): Promise<R> {
    const tx: accounts.SqlTx = {
      forUpdate: '',
      get: async <T>(text: string, params: unknown[]) => this.db.prepare(text).get(...params) as T | undefined,
      all: async <T>(text: string, params: unknown[]) => this.db.prepare(text).all(...params) as T[],
      run: async (text: string, params: unknown[]) => this.db.prepare(text).run(...params).changes,
    };
    const result = this.accountTail.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(tx);
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.accountTail = result.catch(() => undefined);
    return result;
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const row = this.stmt.getOrder.get(id);
    return row && toOrder(row);
  }

  async listOrders(filter: OrderFilter): Promise<Order[]> {
    const { sql: query, params } = sql.listOrders(filter);
    return this.db.prepare<string[], OrderRow>(query).all(...params).map(toOrder);
  }

  async countOpenOrdersByRestaurant(): Promise<Record<string, number>> {
    return countsBy(this.db.prepare<[], { restaurant_id: string; n: number }>(sql.COUNT_OPEN_BY_RESTAURANT).all(), 'restaurant_id');
  }

  async countOrdersByStatus(): Promise<Record<string, number>> {
    return countsBy(this.db.prepare<[], { status: string; n: number }>(sql.COUNT_BY_STATUS).all(), 'status');
  }

  async orderEvents(orderId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return this.stmt.orderEvents.all(orderId, afterVersion).map((row) => toEvent(row, this.epoch));
  }

  async restaurantEvents(restaurantId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.stmt.restaurantEvents.all(restaurantId, afterSeq, limit).map((row) => toEvent(row, this.epoch));
  }

  async headSeq(restaurantId: string): Promise<number> {
    return this.stmt.headSeq.get(restaurantId)?.last_seq ?? 0;
  }

  async allEvents(): Promise<StoredEvent[]> {
    return this.db
      .prepare<[], EventRow>(sql.ALL_EVENTS)
      .all()
      .map((row) => toEvent(row, this.epoch));
  }

  /** The seqs the running group commit has handed out; the heads are written once per group (commitGroup). */
  private readonly seqs = new GroupSeqs();
  private readonly readHead = (restaurantId: string): number | undefined => this.stmt.headSeq.get(restaurantId)?.last_seq;

  /** Numbers the event with its restaurant's next seq and writes it; the head is written with the group. */
  private appendEvent(draft: AppendDraft): Appended {
    const event = draft.event;
    const seq = this.seqs.next(event.restaurantId, this.readHead);
    if (seq === undefined) throw RtcError.notFound('restaurant', event.restaurantId);
    this.stmt.insertEvent.run(...eventParams(event, seq));
    this.seqs.taken(event.restaurantId, seq);
    return numbered(draft, seq, this.epoch);
  }

  /** Starts a group's transaction body: seqs counted from the stored heads. */
  private beginGroup(): void {
    this.seqs.reset();
  }

  /** Ends a group's transaction body: each stream's head written once, before the COMMIT. */
  private endGroup(): void {
    this.seqs.writeHeads((restaurantId, lastSeq) => this.stmt.setSeq.run(lastSeq, restaurantId));
    this.seqs.reset();
  }

  /** The order row first, then its event: the same steps as PostgresStore.createOrder. */
  private readonly createTx = (order: NewOrder): Appended => {
    const timestamp = new Date().toISOString();
    let draft: AppendDraft;
    try {
      do draft = creationDraft(newOrderId(), order, timestamp);
      while (this.stmt.insertOrder.run(...orderParams(draft.order)).changes === 0);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw RtcError.notFound('restaurant', order.restaurantId);
      throw error;
    }
    return this.appendEvent(draft);
  };

  /**
   * The transition decided on the caller's copy: the UPDATE's version check is the read. Undefined
   * when the copy is stale (no row changed) or `decide` refuses it: the caller reads and decides again.
   */
  private fromKnown(known: Order, actor: string, decide: (order: Order) => TransitionDecision): Appended | undefined {
    const draft = draftOnCopy(known, actor, decide, new Date().toISOString());
    if (!draft) return undefined;
    const { status, version, updatedAt } = draft.order;
    if (this.stmt.updateOrder.run(status, version, updatedAt, known.id, known.version).changes === 0) return undefined;
    return this.appendEvent(draft);
  }

  private readonly transitionTx = (orderId: string, actor: string, decide: (order: Order) => TransitionDecision, known?: Order): Appended => {
    const fast = known?.id === orderId ? this.fromKnown(known, actor, decide) : undefined;
    if (fast) return fast;
    const row = this.stmt.getOrder.get(orderId);
    if (!row) throw RtcError.notFound('order', orderId, { hint: 'check the id with rtc order list' });
    const current = toOrder(row);
    const draft = transitionDraft(current, decide(current), actor, new Date().toISOString());
    const appended = this.appendEvent(draft);
    this.stmt.updateOrder.run(draft.order.status, draft.order.version, draft.order.updatedAt, orderId, current.version);
    return appended;
  };

  /** Appends waiting for the group commit, in arrival order. */
  private queue: QueuedAppend[] = [];
  /** A group that met another process's lock, waiting for its next try, and since when (ms). */
  private held: QueuedAppend[] = [];
  private heldSince = 0;
  private heldRetries = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private commitScheduled = false;
  private groupTx: ((group: (() => Appended)[]) => ({ ok: true; appended: Appended } | { ok: false; error: unknown })[]) | undefined;
  private savepoint: ((append: () => Appended) => Appended) | undefined;
  private plainTx: ((group: (() => Appended)[]) => Appended[]) | undefined;

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
    this.retryTimer = undefined;
    // A held group goes first and takes along what arrived meanwhile: arrival order is kept.
    const group = this.held.length ? [...this.held, ...this.queue] : this.queue;
    const retries = this.held.length ? this.heldRetries : 0;
    this.held = [];
    this.queue = [];
    if (group.length === 0) return;
    try {
      this.checkIdentity();
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    // Created lazily: class fields run before the constructor body assigns this.db.
    this.savepoint ??= this.db.transaction((append: () => Appended) => append());
    const savepoint = this.savepoint;
    this.groupTx ??= this.db.transaction((appends: (() => Appended)[]) => {
      this.beginGroup();
      const outcomes = appends.map((append) => {
        const mark = this.seqs.mark();
        try {
          return { ok: true as const, appended: savepoint(append) };
        } catch (error) {
          // A fault of the file (full, I/O, lock) is the whole group's: SQLite may have rolled it all back.
          if (storeFault(error)) throw error;
          // Rolled back to its savepoint: the seqs it took go to the appends after it.
          this.seqs.restore(mark);
          return { ok: false as const, error };
        }
      });
      this.endGroup();
      return outcomes;
    }).immediate;
    // Most groups have no refusal: run them without a savepoint per append (two statements each
    // fewer); the first refusal rolls the whole group back and it runs again, one savepoint each.
    this.plainTx ??= this.db.transaction((appends: (() => Appended)[]) => {
      this.beginGroup();
      const appended = appends.map((append) => append());
      this.endGroup();
      return appended;
    }).immediate;
    let outcomes: ({ ok: true; appended: Appended } | { ok: false; error: unknown })[] | undefined;
    try {
      outcomes = this.plainTx(group.map((item) => item.append)).map((appended) => ({ ok: true as const, appended }));
    } catch {
      outcomes = undefined;
    }
    try {
      outcomes ??= this.groupTx(group.map((item) => item.append));
    } catch (error) {
      if (isLockBusy(error) && this.db.open && (retries === 0 || Date.now() - this.heldSince < this.lockWaitMs)) {
        // Another process holds the lock: try again on a timer, so that the event loop keeps serving.
        if (retries === 0) this.heldSince = Date.now();
        this.held = group;
        this.heldRetries = retries + 1;
        this.commitScheduled = true;
        this.retryTimer = setTimeout(() => this.commitGroup(), LOCK_BACKOFF_MS[Math.min(retries, LOCK_BACKOFF_MS.length - 1)]);
        return;
      }
      const fault = isLockBusy(error) ? this.locked(error) : (storeFault(error, this.path) ?? error);
      for (const item of group) item.reject(fault);
      return;
    }
    this.lastWriteAt = Date.now();
    this.background?.committed(group.length);
    // In arrival order, so that each restaurant's events are published in seq order.
    outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.appended) : group[i]!.reject(outcome.error)));
  }

  async createOrder(order: NewOrder): Promise<Appended> {
    return this.enqueue(() => this.createTx(order));
  }

  async transition(orderId: string, actor: string, decide: (order: Order) => TransitionDecision, known?: Order): Promise<Appended> {
    return this.enqueue(() => this.transitionTx(orderId, actor, decide, known));
  }

  async close(): Promise<void> {
    this.checkpointer?.stop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    // One last try for what waits; whatever still meets the lock is refused (UNAVAILABLE), never lost silently.
    if (this.db.open && (this.queue.length || this.held.length)) {
      this.heldSince = 0;
      this.commitGroup();
      if (this.retryTimer) clearTimeout(this.retryTimer);
      for (const item of this.held) item.reject(lockedFault(this.path));
      this.held = [];
    }
    // Before the serving connection closes: its close, the last one, checkpoints and removes the WAL.
    await this.background?.close();
    if (this.db.open) this.db.close();
  }
}

interface QueuedAppend {
  append: () => Appended;
  resolve: (appended: Appended) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite opens a file it may not write read-only without a word, and a migrated store needs no write
 * to open: try one (rolled back) so that a read-only store is refused at start, naming the file and the fix.
 */
function assertWritable(db: Database.Database, path: string): void {
  if (path === ':memory:') return;
  try {
    db.transaction(() => db.prepare("UPDATE meta SET value = value WHERE key = 'epoch'").run()).immediate();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_READONLY')) throw error;
    throw RtcError.badRequest(`${path} is read-only for this user (${code})`, {
      hint: 'make the file and its folder writable (chown or chmod u+w), or serve a copy with --db',
      cause: error,
    });
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertSchemaKnown(current, SQLITE_MIGRATIONS.length);
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      SQLITE_MIGRATIONS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
