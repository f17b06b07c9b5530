import type Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { applyEvent } from '../../domain/fold.js';
import type { Order } from '../../protocol/model.js';
import { toEvent, toOrder, type EventRow, type OrderRow } from './sql/rows.js';

/** What `rtc admin verify` found: counts, and each problem as one sentence (at most `limit` of them kept). */
export interface StoreCheck {
  restaurants: number;
  orders: number;
  events: number;
  /** Problems beyond the ones kept in `problems`. */
  more: number;
  problems: string[];
}

/**
 * Checks an SQLite store without writing to it: SQLite's own quick_check; every restaurant's seq runs
 * 1..last_seq without holes; every order's versions run 1..n; each order row (the read model) equals
 * the fold of its events (src/domain/fold.ts); no events without an order and no order without events.
 * Reads the events in one pass per check, streaming, so a large store needs little memory.
 */
export function verifyStore(db: Database.Database, limit = 20): StoreCheck {
  const check: StoreCheck = { restaurants: 0, orders: 0, events: 0, more: 0, problems: [] };
  const problem = (text: string) => (check.problems.length < limit ? check.problems.push(text) : check.more++);

  const integrity = db.pragma('quick_check', { simple: true }) as string;
  if (integrity !== 'ok') problem(`SQLite quick_check: ${integrity}`);

  // Every restaurant's stream: seq 1, 2, ... up to restaurants.last_seq.
  const lastSeq = new Map(db.prepare<[], { id: string; last_seq: number }>('SELECT id, last_seq FROM restaurants').all().map((r) => [r.id, r.last_seq]));
  check.restaurants = lastSeq.size;
  let restaurant: string | undefined;
  let expected = 1;
  const endOfStream = () => {
    if (restaurant === undefined) return;
    const last = lastSeq.get(restaurant);
    if (last === undefined) problem(`restaurant ${restaurant} has events but no row in restaurants`);
    else if (last !== expected - 1) problem(`restaurant ${restaurant}: last_seq is ${last} but its events end at seq ${expected - 1}`);
    lastSeq.delete(restaurant);
  };
  for (const row of db.prepare<[], { restaurant_id: string; seq: number }>('SELECT restaurant_id, seq FROM events ORDER BY restaurant_id, seq').iterate()) {
    check.events++;
    if (row.restaurant_id !== restaurant) {
      endOfStream();
      restaurant = row.restaurant_id;
      expected = 1;
    }
    if (row.seq !== expected) problem(`restaurant ${restaurant}: seq ${row.seq} follows ${expected - 1} (${row.seq > expected ? 'a hole' : 'a repeat'})`);
    expected = row.seq + 1;
  }
  endOfStream();
  for (const [id, last] of lastSeq) if (last !== 0) problem(`restaurant ${id}: last_seq is ${last} but it has no events`);

  // Every order: the fold of its events, in version order, equals its row.
  const orderRow = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');
  let orderId: string | undefined;
  let folded: Order | undefined;
  let broken = false;
  const endOfOrder = () => {
    if (orderId === undefined || broken) return;
    const row = orderRow.get(orderId);
    if (!row) problem(`order ${orderId} has events but no row in orders`);
    else if (!isDeepStrictEqual(toOrder(row), folded)) {
      problem(`order ${orderId}: the read model is not the fold of its events (fields that differ: ${differingFields(toOrder(row), folded).join(', ')})`);
    }
  };
  for (const row of db.prepare<[], EventRow>('SELECT * FROM events ORDER BY order_id, version').iterate()) {
    if (row.order_id !== orderId) {
      endOfOrder();
      orderId = row.order_id;
      folded = undefined;
      broken = false;
    }
    if (broken) continue;
    try {
      if (row.version !== (folded?.version ?? 0) + 1) throw new Error(`version ${row.version} follows ${folded?.version ?? 0}`);
      folded = applyEvent(folded, toEvent(row, ''));
    } catch (error) {
      broken = true;
      problem(`order ${row.order_id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  endOfOrder();

  check.orders = (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
  for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM events) LIMIT 100').all()) {
    problem(`order ${id} has no events (a read model row nothing explains)`);
  }
  return check;
}

/** The fields of two orders that differ, by name (what `rtc admin verify` reports of a broken row). */
function differingFields(row: Order, folded: Order | undefined): string[] {
  if (!folded) return ['every field'];
  const names = new Set([...Object.keys(row), ...Object.keys(folded)] as (keyof Order)[]);
  return [...names].filter((name) => !isDeepStrictEqual(row[name], folded[name]));
}
