import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../src/server/store/postgres-store.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { connectRaw } from './helpers/raw-socket.js';
import { startRedis, type TestRedis } from './helpers/redis.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { missingServices, skipUnlessAvailable } from './helpers/services.js';
import { waitFor } from './helpers/wait.js';

const skip = skipUnlessAvailable('sessions across a cluster', await missingServices({ redis: true, postgres: true }));

/** Two nodes on one PostgreSQL store and one Redis: an end of a session on A holds on B within 5 s. */
describe.skipIf(skip)('sessions across a cluster', () => {
  let redis: TestRedis;
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  const secretBefore = process.env.RTC_JWT_SECRET;

  beforeAll(async () => {
    process.env.RTC_JWT_SECRET = randomBytes(32).toString('hex');
    [redis, database] = await Promise.all([startRedis(), createTestDatabase()]);
    a = await startTestServer({ store: await PostgresStore.open(database.url), redisUrl: redis.url });
    // B re-reads the store only every minute: within 5 s, only the message through Redis can tell it.
    b = await startTestServer({ store: await PostgresStore.open(database.url), redisUrl: redis.url, sessionReloadMs: 60_000 });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    for (const server of [a, b]) if (server) removeDir(server.dir);
    await redis?.stop();
    await database?.drop();
    if (secretBefore === undefined) delete process.env.RTC_JWT_SECRET;
    else process.env.RTC_JWT_SECRET = secretBefore;
  });

  it('a user removed on node A is cut off on node B within 5 s: socket told and closed, access token refused', async () => {
    const superToken = await a.login('super');
    await api(a.url, 'POST', '/api/users', { token: superToken, body: { username: 'roamer', role: 'staff', restaurantId: 'r1', password: 'roamer-pass' } });
    const token = await b.login('roamer', 'roamer-pass');
    const onB = await connectRaw(b.url, token);
    expect((await onB.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    expect((await api(b.url, 'GET', '/api/me', { token })).status).toBe(200);
    const removedAt = Date.now();
    expect((await api(a.url, 'DELETE', '/api/users/roamer', { token: superToken })).status).toBe(204);
    await waitFor(() => !onB.socket.connected, 'the socket on B to be closed', 5000);
    expect(Date.now() - removedAt).toBeLessThan(5000);
    expect(onB.received.find(([event]) => event === 'session_expired')?.[1].reason).toBe('user removed');
    expect((await api(b.url, 'GET', '/api/me', { token })).status).toBe(401);
  });

  it('a logout and a key revoked on A hold on B at once; the last superadmin is kept on PostgreSQL too', async () => {
    const session = (await api(a.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } })).body;
    const onB = await connectRaw(b.url, session.token);
    expect((await api(a.url, 'POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(204);
    await waitFor(() => !onB.socket.connected, 'the logged-out socket on B to be closed', 5000);
    expect((await api(b.url, 'GET', '/api/me', { token: session.token })).status).toBe(401);

    const superToken = await a.login('super');
    const key = (await api(a.url, 'POST', '/api/keys', { token: superToken, body: { name: 'kiosk', role: 'staff', restaurantId: 'r1' } })).body;
    expect((await api(b.url, 'GET', '/api/me', { token: key.token })).status).toBe(200);
    const keyOnB = await connectRaw(b.url, key.token);
    expect((await api(a.url, 'DELETE', `/api/keys/${key.key.id}`, { token: superToken })).status).toBe(204);
    await waitFor(() => !keyOnB.socket.connected, 'the key socket on B to be closed', 5000);
    expect((await api(b.url, 'GET', '/api/me', { token: key.token })).status).toBe(401);

    expect((await api(b.url, 'DELETE', '/api/users/super', { token: superToken })).status).toBe(409);
  });

  it('the API keys of a user removed on A are refused on B at once, their sockets closed within 5 s', async () => {
    const superToken = await a.login('super');
    await api(a.url, 'POST', '/api/users', { token: superToken, body: { username: 'leaver', role: 'admin', restaurantId: 'r1', password: 'leaver-pass' } });
    const leaver = await a.login('leaver', 'leaver-pass');
    const key = (await api(a.url, 'POST', '/api/keys', { token: leaver, body: { name: 'backdoor', role: 'admin' } })).body;
    expect((await api(b.url, 'GET', '/api/me', { token: key.token })).status).toBe(200);
    const keyOnB = await connectRaw(b.url, key.token);
    const removedAt = Date.now();
    expect((await api(a.url, 'DELETE', '/api/users/leaver', { token: superToken })).status).toBe(204);
    await waitFor(() => !keyOnB.socket.connected, 'the key socket on B to be closed', 5000);
    expect(Date.now() - removedAt).toBeLessThan(5000);
    expect(keyOnB.received.find(([event]) => event === 'session_expired')?.[1].reason).toBe('API key revoked');
    expect((await api(b.url, 'GET', '/api/me', { token: key.token })).status).toBe(401);
  });
});
