/**
 * Data the scenarios need that the demo does not have, written straight into the SQLite file with
 * rtc's own store (dist) before `rtc serve` opens it: extra restaurants, pre-created orders, a long
 * event log. The server then seeds the demo users on top (--demo).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../dist/server/store/sqlite-store.js';
import { ORDER_BODY } from './payloads.js';

export { loginDemo } from '../../dist/bench/push-vs-poll.js';

export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'rtc-bench-'));
  return { db: join(dir, 'rtc.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function benchRestaurants(count) {
  return Array.from({ length: count }, (_, i) => `b${String(i + 1).padStart(3, '0')}`);
}

/** Opens the file, lets `fill` write through the store, closes it; answers what fill answers and the epoch. */
export async function prefill(db, fill) {
  const store = SqliteStore.open(db);
  try {
    await store.upsertRestaurant({ id: 'r1', name: 'Demo Bistro' });
    await store.upsertRestaurant({ id: 'r2', name: 'Night Owl Diner' });
    const result = await fill(store);
    return { result, epoch: store.epoch };
  } finally {
    await store.close();
  }
}

export async function addRestaurants(store, ids) {
  for (const id of ids) await store.upsertRestaurant({ id, name: `Bench ${id}` });
}

/** `count` new orders of restaurant r1, created by chef; answers their ids. */
export async function createOrders(store, count, restaurantId = 'r1') {
  const ids = [];
  // 500 at a time: the store commits what arrives together in one transaction.
  for (let done = 0; done < count; done += 500) {
    const batch = Array.from({ length: Math.min(500, count - done) }, () => store.createOrder({ restaurantId, customerId: null, ...ORDER_BODY, actor: 'chef' }));
    for (const { order } of await Promise.all(batch)) ids.push(order.id);
  }
  return ids;
}

/** Appends `events` events to a restaurant's stream: orders created and walked to Delivered, 5 events each. */
export async function appendEvents(store, events, restaurantId = 'r1') {
  let written = 0;
  while (written < events) {
    const [id] = await createOrders(store, 1, restaurantId);
    written++;
    for (let step = 1; step < 5 && written < events; step++, written++) {
      await store.transition(id, 'chef', (order) => ({ to: ['Confirmed', 'Preparing', 'Out for Delivery', 'Delivered'][order.version - 1], reason: null }));
    }
  }
  return written;
}
