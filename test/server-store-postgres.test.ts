import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcError } from '../src/protocol/errors.js';
import { decideTransition } from '../src/domain/transitions.js';
import { DEMO_USERS, seedDemo } from '../src/server/demo-seed.js';
import { POSTGRES_MIGRATIONS } from '../src/server/store/postgres-migrations.js';
import { PostgresStore } from '../src/server/store/postgres-store.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';

const skip = skipUnlessAvailable('postgres store', await missingServices({ postgres: true }));

const items = [{ name: 'Soup', qty: 1 }];
const advance = (order: { status: Parameters<typeof decideTransition>[0]['current'] }) => ({
  to: decideTransition({ current: order.status }),
  reason: null,
});

describe.skipIf(skip)('PostgresStore shared by several nodes', () => {
  let database: TestDatabase;
  let nodes: PostgresStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Three "nodes" open one fresh database at the same moment: migrations and the epoch must happen once.
    nodes = await Promise.all([1, 2, 3].map(() => PostgresStore.open(database.url)));
    await Promise.all(nodes.map((node) => seedDemo(node)));
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await database?.drop();
  });

  it('migrates once, shares one epoch and seeds each demo user once', async () => {
    expect(new Set(nodes.map((node) => node.epoch)).size).toBe(1);
    const client = new pg.Client(database.url);
    await client.connect();
    try {
      const versions = await client.query('SELECT version FROM rtc_schema ORDER BY version');
      expect(versions.rows).toEqual(POSTGRES_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
      const users = await client.query('SELECT username FROM users ORDER BY username');
      expect(users.rows.map((r) => r.username)).toEqual(DEMO_USERS.map((u) => u.username).sort());
    } finally {
      await client.end();
    }
    const reopened = await PostgresStore.open(database.url);
    expect(reopened.epoch).toBe(nodes[0]!.epoch);
    await reopened.close();
  });

  it('keeps seq hole-free and versions unique under concurrent writers on every node', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => nodes[i % 3]!.createOrder({ restaurantId: 'r1', actor: 'chef', customerId: null, customerName: 'Walk-in', items, amount: 5 })),
    );
    // Every node races to advance every order, again and again: each step is won by exactly one node.
    await Promise.all(
      created.flatMap(({ order }) =>
        nodes.map(async (node) => {
          for (let step = 0; step < 4; step++) {
            await node.transition(order.id, 'chef', advance).catch((error: unknown) => {
              if (!(error instanceof RtcError && error.code === 'INVALID_TRANSITION')) throw error;
            });
          }
        }),
      ),
    );
    const events = (await nodes[1]!.allEvents()).filter((event) => event.restaurantId === 'r1');
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    expect(await nodes[2]!.headSeq('r1')).toBe(events.length);
    for (const { order } of created) {
      const versions = events.filter((event) => event.orderId === order.id).map((event) => event.version);
      expect(versions).toEqual([1, 2, 3, 4, 5]);
      expect(await nodes[0]!.getOrder(order.id)).toMatchObject({ status: 'Delivered', version: 5 });
    }
  });

  it('runs decide inside the lock, so a refused change writes nothing', async () => {
    const { order } = await nodes[0]!.createOrder({ restaurantId: 'r2', actor: 'chef2', customerId: null, customerName: 'Walk-in', items, amount: 1 });
    const before = await nodes[0]!.headSeq('r2');
    await expect(
      nodes[1]!.transition(order.id, 'chef2', () => {
        throw new RtcError('CONFLICT', 'not in Preparing');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await nodes[2]!.headSeq('r2')).toBe(before);
    expect(await nodes[2]!.orderEvents(order.id)).toHaveLength(1);
    await expect(nodes[0]!.transition('NOPE42', 'chef2', advance)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      nodes[0]!.createOrder({ restaurantId: 'r9', actor: 'chef', customerId: null, customerName: 'x', items, amount: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('replays a stream from any node, and reads the order back as written', async () => {
    const { order, event } = await nodes[0]!.createOrder({ restaurantId: 'r2', actor: 'alice', customerId: 'alice', customerName: 'alice', items, amount: 9.5 });
    expect(await nodes[1]!.getOrder(order.id)).toEqual(order);
    const tail = await nodes[2]!.restaurantEvents('r2', event.seq - 1, 10);
    expect(tail).toEqual([event]);
    expect(await nodes[1]!.listOrders({ customerId: 'alice', openOnly: true })).toEqual([order]);
    expect((await nodes[2]!.countOpenOrdersByRestaurant()).r2).toBeGreaterThanOrEqual(1);
  });

  it('refuses to change or delete events', async () => {
    const client = new pg.Client(database.url);
    await client.connect();
    try {
      await expect(client.query("UPDATE events SET reason = 'x'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('refuses a database migrated by a newer rtc', async () => {
    const newer = await createTestDatabase();
    try {
      await (await PostgresStore.open(newer.url)).close();
      const client = new pg.Client(newer.url);
      await client.connect();
      await client.query('INSERT INTO rtc_schema (version) VALUES (99)');
      await client.end();
      await expect(PostgresStore.open(newer.url)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/newer than this rtc.*upgrade rtc/) });
    } finally {
      await newer.drop();
    }
  });

  it('says what to check when PostgreSQL is not there', async () => {
    await expect(PostgresStore.open('postgres://postgres@127.0.0.1:1/rtc')).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringMatching(/cannot connect to PostgreSQL at .*is PostgreSQL running/),
    });
  });
});
