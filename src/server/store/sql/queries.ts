import { OPEN_STATUSES } from '../../../protocol/status.js';
import type { OrderFilter } from '../store.js';

/**
 * The statements both SQL stores run, written once with `?` placeholders (SQLite's); PostgreSQL runs
 * them through `dollarParams`. What differs per engine stays in its store: locking (SQLite's one
 * writer and group commit, PostgreSQL's row locks) and the DDL of the migrations.
 */
const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

export const UPSERT_RESTAURANT = 'INSERT INTO restaurants (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name';
export const LIST_RESTAURANTS = 'SELECT id, name FROM restaurants ORDER BY id';
export const GET_RESTAURANT = 'SELECT id, name FROM restaurants WHERE id = ?';

/** Parameters: id, role, restaurant id, password hash, salt; the id is the username. */
export const INSERT_USER = `INSERT INTO users (id, username, role, restaurant_id, password_hash, salt) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;
export const USER_BY_USERNAME = 'SELECT * FROM users WHERE username = ?';
export const USER_BY_ID = 'SELECT * FROM users WHERE id = ?';

export const GET_ORDER = 'SELECT * FROM orders WHERE id = ?';
/** A clash of random ids inserts nothing (0 rows): the caller draws another id. Parameters: orderParams. */
export const INSERT_ORDER = `INSERT INTO orders (id, restaurant_id, customer_id, customer_name, items, amount, status, version, created_at, updated_at, note)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;
/** Parameters: status, version, updated at, id, the version it replaces. */
export const UPDATE_ORDER = 'UPDATE orders SET status = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?';

export const COUNT_OPEN_BY_RESTAURANT = `SELECT restaurant_id, COUNT(*) AS n FROM orders WHERE status IN (${OPEN_LIST}) GROUP BY restaurant_id`;
export const COUNT_BY_STATUS = 'SELECT status, COUNT(*) AS n FROM orders GROUP BY status';

/** Takes the restaurant's next seq; no row back means no such restaurant. */
export const NEXT_SEQ = 'UPDATE restaurants SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq';
export const HEAD_SEQ = 'SELECT last_seq FROM restaurants WHERE id = ?';
/** Sets a restaurant's head once per group commit (SQLite, which holds the write lock for the group). Parameters: last seq, id. */
export const SET_SEQ = 'UPDATE restaurants SET last_seq = ? WHERE id = ?';
/** Parameters: eventParams. */
export const INSERT_EVENT = `INSERT INTO events (restaurant_id, seq, order_id, version, type, from_status, to_status, actor, reason, timestamp, details)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const ORDER_EVENTS = 'SELECT * FROM events WHERE order_id = ? AND version > ? ORDER BY version';
export const RESTAURANT_EVENTS = 'SELECT * FROM events WHERE restaurant_id = ? AND seq > ? ORDER BY seq LIMIT ?';
export const ALL_EVENTS = 'SELECT * FROM events ORDER BY restaurant_id, seq';

/**
 * Orders made in the same millisecond come in creation order: the seq of their OrderCreated event
 * (one lookup in the events' (order_id, version) index per order), then id.
 */
const CREATION_ORDER = 'created_at, (SELECT e.seq FROM events e WHERE e.order_id = orders.id AND e.version = 1), id';

/** The orders a filter selects, oldest first (ties in creation order): the statement and its parameters. */
export function listOrders(filter: OrderFilter): { sql: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  const equals = (column: string, value: string | undefined) => value && (where.push(`${column} = ?`), params.push(value));
  equals('restaurant_id', filter.restaurantId);
  equals('status', filter.status);
  equals('customer_id', filter.customerId);
  if (filter.openOnly) where.push(`status IN (${OPEN_LIST})`);
  return { sql: `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${CREATION_ORDER}`, params };
}

const dollared = new Map<string, string>();

/** The statement with PostgreSQL's numbered placeholders ($1, $2, ...) for SQLite's `?`; none of ours has a `?` in a literal. */
export function dollarParams(sql: string): string {
  let numbered = dollared.get(sql);
  if (numbered === undefined) {
    let n = 0;
    numbered = sql.replace(/\?/g, () => `$${++n}`);
    // Filters make a handful of shapes; the cache stays small.
    dollared.set(sql, numbered);
  }
  return numbered;
}
