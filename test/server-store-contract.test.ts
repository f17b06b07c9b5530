import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldOrders } from '../src/domain/fold.js';
import { decideTransition, HAPPY_PATH } from '../src/domain/transitions.js';
import { RtcError } from '../src/protocol/errors.js';
import type { Order } from '../src/protocol/model.js';
import type { Status } from '../src/protocol/status.js';
import { POSTGRES_MIGRATIONS } from '../src/server/store/postgres-migrations.js';
import { PostgresStore } from '../src/server/store/postgres-store.js';
import { SQLITE_MIGRATIONS } from '../src/server/store/sqlite-migrations.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import type { ApiKeyRecord, NewOrder, Store } from '../src/server/store/store.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { removeDir, tempDir } from './helpers/server.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';

/** One engine under the contract: a fresh store, the same store opened again, and a store whose schema a newer rtc wrote. */
interface Engine {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  open(): Promise<Store>;
  /** Opens a fresh store of this engine after marking its schema version 99. */
  openNewerSchema(): Promise<Store>;
  /** Makes a fresh database at schema `version` (the migrations up to it), runs `seed` on it, then opens it as a store (which migrates the rest). */
  openFrom(version: number, seed: string[]): Promise<Store>;
}

function sqliteEngine(): Engine {
  let dir = '';
  return {
    name: 'sqlite',
    skip: false,
    async setUp() {
      dir = tempDir('rtc-contract-');
    },
    async tearDown() {
      removeDir(dir);
    },
    async open() {
      return SqliteStore.open(join(dir, 'contract.db'));
    },
    async openNewerSchema() {
      const path = join(dir, 'newer.db');
      await SqliteStore.open(path).close();
      const raw = new Database(path);
      raw.pragma('user_version = 99');
      raw.close();
      return SqliteStore.open(path);
    },
    async openFrom(version, seed) {
      const path = join(dir, `from-${version}-${randomBytes(3).toString('hex')}.db`);
      const raw = new Database(path);
      for (const migration of SQLITE_MIGRATIONS.slice(0, version)) migration(raw);
      raw.pragma(`user_version = ${version}`);
      for (const statement of seed) raw.exec(statement);
      raw.close();
      return SqliteStore.open(path);
    },
  };
}

function postgresEngine(skip: boolean): Engine {
  const databases: TestDatabase[] = [];
  let url = '';
  return {
    name: 'postgres',
    skip,
    async setUp() {
      const database = await createTestDatabase();
      databases.push(database);
      url = database.url;
    },
    async tearDown() {
      await Promise.all(databases.map((database) => database.drop()));
    },
    async open() {
      return PostgresStore.open(url);
    },
    async openNewerSchema() {
      const database = await createTestDatabase();
      databases.push(database);
      await (await PostgresStore.open(database.url)).close();
      const client = new pg.Client(database.url);
      await client.connect();
      await client.query('INSERT INTO rtc_schema (version) VALUES (99)');
      await client.end();
      return PostgresStore.open(database.url);
    },
    async openFrom(version, seed) {
      const database = await createTestDatabase();
      databases.push(database);
      const client = new pg.Client(database.url);
      await client.connect();
      await client.query('CREATE TABLE rtc_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, version).entries()) {
        await client.query(migration);
        await client.query('INSERT INTO rtc_schema (version) VALUES ($1)', [i + 1]);
      }
      for (const statement of seed) await client.query(statement);
      await client.end();
      return PostgresStore.open(database.url);
    },
  };
}

const pgSkip = skipUnlessAvailable('store contract on postgres', await missingServices({ postgres: true }));

const items = [{ name: 'Soup', qty: 2 }];
const advance = (order: Order) => ({ to: decideTransition({ current: order.status }), reason: null });
const to = (status: Status, reason: string | null = null) => (order: Order) => ({ to: decideTransition({ current: order.status, to: status }), reason });
const newOrder = (restaurantId: string, extra: Partial<NewOrder> = {}): NewOrder => ({
  restaurantId,
  customerId: null,
  customerName: 'Walk-in',
  items,
  amount: 7.5,
  actor: 'chef',
  ...extra,
});
/** Oldest first; made in the same millisecond, by the seq of their OrderCreated (`seqs`), then id. */
const inCreationOrder = (seqs: Map<string, number>) => (a: Order, b: Order) =>
  a.createdAt.localeCompare(b.createdAt) || (seqs.get(a.id) ?? 0) - (seqs.get(b.id) ?? 0) || a.id.localeCompare(b.id);

describe.each([sqliteEngine(), postgresEngine(pgSkip)])('the store contract on $name', (engine) => {
  let store: Store;
  /** A restaurant of its own for each case, so that the cases do not see each other's orders. */
  const restaurant = async (): Promise<string> => {
    const id = `r_${randomBytes(4).toString('hex')}`;
    await store.upsertRestaurant({ id, name: `Kitchen ${id}` });
    return id;
  };

  beforeAll(async () => {
    if (engine.skip) return;
    await engine.setUp();
    store = await engine.open();
  });

  afterAll(async () => {
    if (engine.skip) return;
    await store?.close();
    await engine.tearDown();
  });

  it.skipIf(engine.skip)('appends an order as its OrderCreated event and the read-model row that event folds to', async () => {
    const r = await restaurant();
    const { order, event } = await store.createOrder(newOrder(r, { customerId: 'ada', customerName: 'Ada' }));
    expect(store.kind).toBe(engine.name);
    expect(order).toMatchObject({ restaurantId: r, customerId: 'ada', customerName: 'Ada', items, amount: 7.5, status: 'Pending', version: 1 });
    expect(order.id).toMatch(/^[A-Z0-9]{6,}$/);
    expect(order.updatedAt).toBe(order.createdAt);
    expect(event).toEqual({
      seq: 1,
      epoch: store.epoch,
      orderId: order.id,
      restaurantId: r,
      version: 1,
      type: 'OrderCreated',
      from: null,
      to: 'Pending',
      actor: 'chef',
      reason: null,
      timestamp: order.createdAt,
      details: { customerId: 'ada', customerName: 'Ada', items, amount: 7.5 },
    });
    expect(await store.getOrder(order.id)).toEqual(order);
    expect(await store.orderEvents(order.id)).toEqual([event]);
    expect(foldOrders([event]).get(order.id)).toEqual(order);
  });

  it.skipIf(engine.skip)('appends a status change as the next version and the next seq, with its from, reason and actor', async () => {
    const r = await restaurant();
    const created = await store.createOrder(newOrder(r));
    const confirmed = await store.transition(created.order.id, 'boss', advance);
    const cancelled = await store.transition(created.order.id, 'boss', to('Cancelled', 'out of soup'));
    expect(confirmed.event).toMatchObject({ seq: 2, version: 2, type: 'OrderStatusChanged', from: 'Pending', to: 'Confirmed', actor: 'boss', reason: null });
    expect(cancelled.event).toMatchObject({ seq: 3, version: 3, from: 'Confirmed', to: 'Cancelled', reason: 'out of soup', epoch: store.epoch });
    expect(cancelled.event.details).toBeUndefined();
    expect(cancelled.order).toEqual({ ...created.order, status: 'Cancelled', version: 3, updatedAt: cancelled.event.timestamp });
    expect(await store.getOrder(created.order.id)).toEqual(cancelled.order);
    expect(await store.orderEvents(created.order.id, 1)).toEqual([confirmed.event, cancelled.event]);
  });

  it.skipIf(engine.skip)('numbers each restaurant stream 1, 2, 3... without holes and each order 1, 2, 3... under concurrent appends', async () => {
    const [r1, r2] = [await restaurant(), await restaurant()];
    const created = await Promise.all(Array.from({ length: 16 }, (_, i) => store.createOrder(newOrder(i % 2 ? r1 : r2))));
    // Every order is pushed along twice at once: each step is won once, the loser is refused.
    await Promise.all(
      created.flatMap(({ order }) =>
        [0, 1].map(async () => {
          for (let step = 0; step < HAPPY_PATH.length - 1; step++) {
            await store.transition(order.id, 'chef', advance).catch((error: unknown) => {
              if (!(error instanceof RtcError && error.code === 'INVALID_TRANSITION')) throw error;
            });
          }
        }),
      ),
    );
    const events = (await store.allEvents()).filter((event) => event.restaurantId === r1 || event.restaurantId === r2);
    for (const r of [r1, r2]) {
      const seqs = events.filter((event) => event.restaurantId === r).map((event) => event.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(await store.headSeq(r)).toBe(seqs.length);
    }
    for (const { order } of created) {
      const own = events.filter((event) => event.orderId === order.id);
      expect(own.map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
      expect(own.map((event) => event.to)).toEqual(HAPPY_PATH);
    }
    const folded = foldOrders(events);
    const readModel = [...(await store.listOrders({ restaurantId: r1 })), ...(await store.listOrders({ restaurantId: r2 }))];
    expect(readModel).toHaveLength(16);
    for (const order of readModel) expect(folded.get(order.id)).toEqual(order);
  });

  it.skipIf(engine.skip)('writes nothing when decide refuses, and says NOT_FOUND for a missing order or restaurant', async () => {
    const r = await restaurant();
    const { order } = await store.createOrder(newOrder(r));
    await expect(store.transition(order.id, 'chef', to('Delivered'))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(
      store.transition(order.id, 'chef', () => {
        throw new RtcError('CONFLICT', 'someone changed it first');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.headSeq(r)).toBe(1);
    expect(await store.getOrder(order.id)).toEqual(order);
    await expect(store.transition('NOSUCH', 'chef', advance)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.createOrder(newOrder('r_missing'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'restaurant r_missing does not exist' });
    expect(await store.headSeq('r_missing')).toBe(0);
    expect(await store.listOrders({ restaurantId: 'r_missing' })).toEqual([]);
    // The stream goes on from where it was: a refusal took no seq.
    expect((await store.transition(order.id, 'chef', advance)).event.seq).toBe(2);
  });

  it.skipIf(engine.skip)('decides on a known copy while it is current, and reads the order again when another writer moved it on', async () => {
    const r = await restaurant();
    const { order } = await store.createOrder(newOrder(r));
    const confirmed = await store.transition(order.id, 'chef', advance, order);
    expect(confirmed.order).toMatchObject({ status: 'Confirmed', version: 2 });
    // `order` is now a stale copy (version 1, Pending): the version check refuses it, the store reads version 2.
    const preparing = await store.transition(order.id, 'chef', advance, order);
    expect(preparing.order).toMatchObject({ status: 'Preparing', version: 3 });
    expect(preparing.event).toMatchObject({ from: 'Confirmed', to: 'Preparing', version: 3, seq: 3 });
    // A copy that decide refuses (closed in the copy, open in the store) is read again too, not refused.
    const closedCopy: Order = { ...preparing.order, status: 'Delivered' };
    const out = await store.transition(order.id, 'chef', advance, closedCopy);
    expect(out.order).toMatchObject({ status: 'Out for Delivery', version: 4 });
    expect(await store.getOrder(order.id)).toEqual(out.order);
    expect((await store.orderEvents(order.id)).map((event) => event.version)).toEqual([1, 2, 3, 4]);
  });

  it.skipIf(engine.skip)('lists orders by restaurant, status, customer and openness, oldest first, and counts them', async () => {
    const [r1, r2] = [await restaurant(), await restaurant()];
    const a = (await store.createOrder(newOrder(r1, { customerId: 'ada', customerName: 'Ada' }))).order;
    const b = (await store.createOrder(newOrder(r1))).order;
    const c = (await store.createOrder(newOrder(r2, { customerId: 'ada', customerName: 'Ada' }))).order;
    const d = (await store.createOrder(newOrder(r1))).order;
    await store.transition(b.id, 'chef', advance);
    await store.transition(d.id, 'chef', to('Cancelled'));
    const ids = (orders: Order[]) => orders.map((order) => order.id);
    const byCreation = inCreationOrder(new Map((await store.allEvents()).filter((e) => e.version === 1).map((e) => [e.orderId, e.seq])));

    expect(ids(await store.listOrders({ restaurantId: r1 }))).toEqual(ids([a, b, d].sort(byCreation)));
    expect(ids(await store.listOrders({ restaurantId: r1, openOnly: true }))).toEqual(ids([a, b].sort(byCreation)));
    expect(ids(await store.listOrders({ restaurantId: r1, status: 'Confirmed' }))).toEqual([b.id]);
    expect(ids(await store.listOrders({ restaurantId: r1, status: 'Cancelled', openOnly: true }))).toEqual([]);
    const adas = await store.listOrders({ customerId: 'ada' });
    expect(ids(adas.filter((order) => order.restaurantId === r1 || order.restaurantId === r2))).toEqual(ids([a, c].sort(byCreation)));
    expect(ids(await store.listOrders({ customerId: 'ada', restaurantId: r2 }))).toEqual([c.id]);

    const all = await store.listOrders({});
    expect([...all].sort(byCreation)).toEqual(all);
    const open = await store.countOpenOrdersByRestaurant();
    expect([open[r1], open[r2]]).toEqual([2, 1]);
    const byStatus = await store.countOrdersByStatus();
    const expected: Record<string, number> = {};
    for (const order of all) expected[order.status] = (expected[order.status] ?? 0) + 1;
    expect(byStatus).toEqual(expected);
  });

  it.skipIf(engine.skip)('replays a restaurant stream after any seq in pages, and an order after any version', async () => {
    const r = await restaurant();
    const { order } = await store.createOrder(newOrder(r));
    for (let i = 0; i < 3; i++) await store.transition(order.id, 'chef', advance);
    await store.createOrder(newOrder(r));
    const stream = await store.restaurantEvents(r, 0, 100);
    expect(stream.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await store.restaurantEvents(r, 1, 2)).toEqual(stream.slice(1, 3));
    expect(await store.restaurantEvents(r, 5, 10)).toEqual([]);
    expect(await store.orderEvents(order.id, 2)).toEqual(stream.slice(2, 4));
    expect((await store.allEvents()).filter((event) => event.restaurantId === r)).toEqual(stream);
  });

  it.skipIf(engine.skip)('keeps one epoch for the life of the database, on every event and across reopening', async () => {
    const r = await restaurant();
    const { event } = await store.createOrder(newOrder(r));
    expect(store.epoch).toMatch(/^[0-9a-f]{16}$/);
    expect(event.epoch).toBe(store.epoch);
    const again = await engine.open();
    try {
      expect(again.epoch).toBe(store.epoch);
      expect(await again.restaurantEvents(r, 0, 10)).toEqual([event]);
    } finally {
      await again.close();
    }
  });

  it.skipIf(engine.skip)('keeps restaurants and users: upsert renames, a username is taken once, getUser hides the secrets', async () => {
    const r = await restaurant();
    await store.upsertRestaurant({ id: r, name: 'Renamed' });
    expect(await store.getRestaurant(r)).toEqual({ id: r, name: 'Renamed' });
    const listed = await store.listRestaurants();
    expect(listed.map((x) => x.id)).toEqual([...listed.map((x) => x.id)].sort());
    expect(await store.getRestaurant('r_none')).toBeUndefined();

    const username = `cook_${randomBytes(3).toString('hex')}`;
    const user = { username, role: 'staff' as const, restaurantId: r, passwordHash: 'hash', salt: 'salt' };
    expect(await store.createUser(user)).toBe(true);
    expect(await store.createUser({ ...user, role: 'admin' })).toBe(false);
    const account = { id: username, username, role: 'staff', restaurantId: r, disabled: false, tokenGen: expect.any(Number) };
    expect(await store.getUserByUsername(username)).toEqual({ ...account, passwordHash: 'hash', salt: 'salt' });
    expect(await store.getUser(username)).toEqual(account);
    expect(await store.getUser('nobody')).toBeUndefined();
  });

  it.skipIf(engine.skip)('keeps who made an API key, and revokes with a user removed, disabled or moved the keys they made, to any depth', async () => {
    const r = await restaurant();
    const tag = randomBytes(3).toString('hex');
    const user = async (role: 'admin' | 'staff') => {
      const username = `maker_${tag}_${role}_${randomBytes(2).toString('hex')}`;
      expect(await store.createUser({ username, role, restaurantId: r, passwordHash: 'hash', salt: 'salt' })).toBe(true);
      return username;
    };
    const key = async (id: string, createdBy: string): Promise<ApiKeyRecord> => {
      const record: ApiKeyRecord = { id: `${id}_${tag}`, name: id, role: 'staff', restaurantId: r, tokenHash: `hash_${id}_${tag}`, createdBy, createdAt: 1_700_000_000_123, expiresAt: null, revokedAt: null };
      await store.createApiKey(record);
      return record;
    };
    const live = async (...keys: ApiKeyRecord[]) => Promise.all(keys.map(async (k) => (await store.getApiKey(k.id))?.revokedAt === null));

    const [removed, disabled, moved, renewed] = [await user('admin'), await user('admin'), await user('admin'), await user('admin')];
    const a = await key('a', removed);
    const a1 = await key('a1', `key:${a.id}`);
    const a2 = await key('a2', `key:${a1.id}`);
    const b = await key('b', disabled);
    const c = await key('c', moved);
    const d = await key('d', renewed);
    const d1 = await key('d1', `key:${d.id}`);
    expect(await store.getApiKey(a.id)).toEqual(a);
    expect(await store.apiKeyByHash(a1.tokenHash)).toEqual(a1);
    expect((await store.listApiKeys(r)).map((k) => k.id).sort()).toEqual([a, a1, a2, b, c, d, d1].map((k) => k.id).sort());

    expect((await store.deleteUser(removed, 5000)).revokedKeys.sort()).toEqual([a.id, a1.id, a2.id].sort());
    expect(await store.getApiKey(a2.id)).toEqual({ ...a2, revokedAt: 5000 });
    expect((await store.updateUser(disabled, { disabled: true }, 6000)).revokedKeys).toEqual([b.id]);
    const movedAway = await store.updateUser(moved, { role: 'staff' }, 7000);
    expect(movedAway).toEqual({ user: expect.objectContaining({ id: moved, role: 'staff' }), revokedKeys: [c.id] });
    expect((await store.updateUser(renewed, { password: { passwordHash: 'h2', salt: 's2' } }, 8000)).revokedKeys).toEqual([]);
    expect(await live(a, a1, a2, b, c, d, d1)).toEqual([false, false, false, false, false, true, true]);
    expect((await store.listApiKeys(r)).map((k) => k.id).sort()).toEqual([d.id, d1.id].sort());

    // Revoking a key takes the keys made from it; a second revoke finds nothing.
    expect(await store.revokeApiKey(d.id, 9000)).toEqual([d.id, d1.id]);
    expect(await store.revokeApiKey(d.id, 9001)).toBeUndefined();
    expect(await store.revokeApiKey('k_none', 9002)).toBeUndefined();
    expect(await store.getApiKey(d1.id)).toMatchObject({ revokedAt: 9000 });
  });

  it.skipIf(engine.skip)('revokes, on upgrade to schema 4, the keys that outlive or out-rank their maker, and keeps the others', async () => {
    const keyRow = (id: string, role: string, restaurant: string | null, createdBy: string, revokedAt: number | null = null) =>
      `INSERT INTO api_keys (id, name, role, restaurant_id, token_hash, created_by, created_at, expires_at, revoked_at)
       VALUES ('${id}', '${id}', '${role}', ${restaurant ? `'${restaurant}'` : 'NULL'}, 'hash_${id}', '${createdBy}', 1000, NULL, ${revokedAt ?? 'NULL'})`;
    const userRow = (id: string, role: string, restaurant: string | null, disabled = 0) =>
      `INSERT INTO users (id, username, role, restaurant_id, password_hash, salt, disabled) VALUES ('${id}', '${id}', '${role}', ${restaurant ? `'${restaurant}'` : 'NULL'}, 'h', 's', ${disabled})`;
    const before = Date.now();
    const upgraded = await engine.openFrom(3, [
      "INSERT INTO restaurants (id, name) VALUES ('ra', 'A'), ('rb', 'B')",
      userRow('boss', 'superadmin', null),
      userRow('adm', 'admin', 'ra'),
      userRow('off', 'admin', 'ra', 1),
      userRow('cook', 'staff', 'ra'),
      keyRow('k_boss', 'superadmin', null, 'boss'),
      keyRow('k_adm', 'admin', 'ra', 'adm'),
      keyRow('k_adm_staff', 'staff', 'ra', 'adm'),
      keyRow('k_moved', 'staff', 'rb', 'adm'),
      keyRow('k_customer', 'customer', null, 'adm'),
      keyRow('k_above', 'superadmin', null, 'adm'),
      keyRow('k_gone', 'staff', 'ra', 'fired'),
      keyRow('k_off', 'staff', 'ra', 'off'),
      keyRow('k_demoted', 'staff', 'ra', 'cook'),
      keyRow('k_child', 'admin', 'ra', 'key:k_adm'),
      keyRow('k_old', 'staff', 'ra', 'fired', 5),
    ]);
    try {
      const state = async (id: string) => (await upgraded.getApiKey(id))?.revokedAt;
      for (const id of ['k_boss', 'k_adm', 'k_adm_staff']) expect(await state(id), id).toBeNull();
      for (const id of ['k_moved', 'k_customer', 'k_above', 'k_gone', 'k_off', 'k_demoted', 'k_child']) {
        expect(await state(id), id).toBeGreaterThanOrEqual(before - 1000);
      }
      expect(await state('k_old')).toBe(5);
      expect(await upgraded.getApiKey('k_adm')).toMatchObject({ createdBy: 'adm', createdAt: 1000 });
    } finally {
      await upgraded.close();
    }
  });

  it.skipIf(engine.skip)('refuses a database whose schema a newer rtc wrote', async () => {
    await expect(engine.openNewerSchema()).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^database schema version 99 is newer than this rtc understands \(\d+\): upgrade rtc/),
    });
  });
});
