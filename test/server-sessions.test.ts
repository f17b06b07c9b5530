import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, type RawClient } from './helpers/raw-socket.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sessionReloadMs: 500 });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const login = async (username: string, password = username) =>
  (await api(server.url, 'POST', '/api/auth/login', { body: { username, password } })).body as { token: string; refreshToken: string; expiresIn: number; user: unknown };
const refresh = (refreshToken: string) => api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken } });
const me = (token: string) => api(server.url, 'GET', '/api/me', { token });
const superToken = () => login('super').then((s) => s.token);

/** Waits for the socket to be told session_expired and closed; answers the reason. */
async function cutOff(client: RawClient, withinMs = 5000): Promise<string> {
  await waitFor(() => !client.socket.connected, 'the socket to be closed', withinMs);
  const told = client.received.find(([event]) => event === 'session_expired');
  expect(told).toBeTruthy();
  return told![1].reason;
}

describe('login and refresh', () => {
  it('answers an access token, a refresh token and its lifetime; refresh rotates', async () => {
    const session = await login('chef');
    expect(session).toMatchObject({ token: expect.any(String), refreshToken: expect.stringMatching(/^rtcr_/), expiresIn: 900, user: { id: 'chef', role: 'staff', restaurantId: 'r1' } });
    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    expect(renewed.body.refreshToken).not.toBe(session.refreshToken);
    expect((await me(renewed.body.token)).body.user).toEqual({ id: 'chef', username: 'chef', role: 'staff', restaurantId: 'r1' });
    expect((await refresh('rtcr_unknown')).status).toBe(401);
    expect((await refresh(renewed.body.refreshToken)).status).toBe(200);
  });

  it('answers a spent refresh token again within 10 s (same login), and revokes the login after that', async () => {
    const session = await login('chef2');
    const first = await refresh(session.refreshToken);
    const retried = await refresh(session.refreshToken);
    expect(retried.status).toBe(200);
    expect((await me(retried.body.token)).status).toBe(200);
    const socket = await connectRaw(server.url, first.body.token);
    await sleep(10_300);
    const stolen = await refresh(session.refreshToken);
    expect(stolen.status).toBe(401);
    expect(stolen.body.error.message).toMatch(/used already/);
    // The whole family: every refresh token and access token of that login, and its sockets.
    expect((await refresh(first.body.refreshToken)).status).toBe(401);
    expect((await refresh(retried.body.refreshToken)).status).toBe(401);
    expect((await me(first.body.token)).status).toBe(401);
    expect(await cutOff(socket)).toBe('refresh token reused');
    // Another login of the same user is untouched.
    expect((await me((await login('chef2')).token)).status).toBe(200);
  }, 20_000);

  it('logout ends that login only: refresh refused, access token refused, socket told and closed', async () => {
    const one = await login('owner');
    const other = await login('owner');
    const socket = await connectRaw(server.url, one.token);
    const bystander = await connectRaw(server.url, other.token);
    expect((await api(server.url, 'POST', '/api/auth/logout', { body: { refreshToken: one.refreshToken } })).status).toBe(204);
    expect((await refresh(one.refreshToken)).status).toBe(401);
    expect((await me(one.token)).body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/signed out/) });
    expect(await cutOff(socket)).toBe('signed out');
    expect(bystander.socket.connected).toBe(true);
    expect((await me(other.token)).status).toBe(200);
    bystander.close();
    expect((await api(server.url, 'POST', '/api/auth/logout', { body: { refreshToken: 'rtcr_never' } })).status).toBe(204);
  });
});

describe('ending a user’s sessions', () => {
  it('a removed user: open socket told and closed within 5 s, access token and refresh token refused', async () => {
    const token = await superToken();
    await api(server.url, 'POST', '/api/users', { token, body: { username: 'temp', role: 'staff', restaurantId: 'r1', password: 'temp-pass' } });
    const session = await login('temp', 'temp-pass');
    const socket = await connectRaw(server.url, session.token);
    expect((await socket.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    expect((await api(server.url, 'DELETE', '/api/users/temp', { token })).status).toBe(204);
    expect(await cutOff(socket)).toBe('user removed');
    expect((await me(session.token)).status).toBe(401);
    const order = await api(server.url, 'POST', '/api/orders', { token: session.token, body: { restaurantId: 'r1', items: [{ name: 'Soup', qty: 1 }], amount: 3 } });
    expect(order.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/no longer exists/) });
    expect((await refresh(session.refreshToken)).status).toBe(401);
    await expect(connectRaw(server.url, session.token)).rejects.toMatchObject({ message: 'Authentication failed' });
    // Made again under the same name: the old tokens stay dead.
    await api(server.url, 'POST', '/api/users', { token, body: { username: 'temp', role: 'staff', restaurantId: 'r1', password: 'temp-pass' } });
    expect((await me(session.token)).status).toBe(401);
  });

  it('a role change while a socket is in a restaurant room closes it; a new login joins only what the new role may see', async () => {
    const token = await superToken();
    await api(server.url, 'POST', '/api/users', { token, body: { username: 'mover', role: 'staff', restaurantId: 'r1', password: 'mover-pass' } });
    const socket = await connectRaw(server.url, (await login('mover', 'mover-pass')).token);
    expect((await socket.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    expect((await api(server.url, 'PATCH', '/api/users/mover', { token, body: { restaurantId: 'r2' } })).body.user).toMatchObject({ restaurantId: 'r2' });
    expect(await cutOff(socket)).toBe('role or restaurant changed');
    const again = await connectRaw(server.url, (await login('mover', 'mover-pass')).token);
    expect((await again.request('join_restaurant_room', { restaurantId: 'r1' })).error.code).toBe('FORBIDDEN');
    expect((await again.request('join_restaurant_room', { restaurantId: 'r2' })).ok).toBe(true);
    again.close();
  });

  it('disable and password reset end sessions; a disabled user cannot log in; rtc passwd (POST /api/me/password) checks the current one', async () => {
    const token = await superToken();
    await api(server.url, 'POST', '/api/users', { token, body: { username: 'pat', role: 'customer', password: 'first-pass' } });
    let session = await login('pat', 'first-pass');
    expect((await api(server.url, 'POST', '/api/me/password', { token: session.token, body: { current: 'wrong-one', new: 'second-pass' } })).status).toBe(401);
    expect((await api(server.url, 'POST', '/api/me/password', { token: session.token, body: { current: 'first-pass', new: 'short' } })).status).toBe(400);
    expect((await api(server.url, 'POST', '/api/me/password', { token: session.token, body: { current: 'first-pass', new: 'second-pass' } })).status).toBe(204);
    expect((await me(session.token)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    session = await login('pat', 'second-pass');
    expect((await api(server.url, 'PATCH', '/api/users/pat', { token, body: { password: 'third-pass' } })).status).toBe(200);
    expect((await me(session.token)).status).toBe(401);
    session = await login('pat', 'third-pass');
    const socket = await connectRaw(server.url, session.token);
    expect((await api(server.url, 'PATCH', '/api/users/pat', { token, body: { disabled: true } })).body.user.disabled).toBe(true);
    expect(await cutOff(socket)).toBe('user disabled');
    expect((await api(server.url, 'POST', '/api/auth/login', { body: { username: 'pat', password: 'third-pass' } })).body.error.message).toMatch(/disabled/);
  });

  it('sees a change another process made to the store within the reload period (sweep)', async () => {
    const token = await superToken();
    await api(server.url, 'POST', '/api/users', { token, body: { username: 'swept', role: 'customer', password: 'swept-pass' } });
    const session = await login('swept', 'swept-pass');
    const socket = await connectRaw(server.url, session.token);
    // Straight on the store, as rtc admin reset-password or another node does: nobody tells this node.
    await server.store.updateUser('swept', { disabled: true }, Date.now());
    expect(await cutOff(socket, 3000)).toBe('this user is disabled');
    expect((await me(session.token)).status).toBe(401);
  });
});

describe('session_refresh', () => {
  it('moves the socket to a new token of the same user; refuses another user’s token and a bad one', { timeout: 30_000 }, async () => {
    const short = await startTestServer({ tokenTtlSeconds: 5 });
    try {
      const first = (await api(short.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } })).body;
      const socket = await connectRaw(short.url, first.token);
      // Three renewals, each before the last token runs out: the socket outlives every one of them.
      for (let i = 0; i < 3; i++) {
        await sleep(2000);
        const next = (await api(short.url, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).body;
        first.refreshToken = next.refreshToken;
        const ack = await socket.request('session_refresh', { token: next.token });
        expect(ack.ok).toBe(true);
        expect(ack.expiresAt).toBeGreaterThan(Date.now() + 3000);
      }
      expect(socket.socket.connected).toBe(true);
      const owner = await short.login('owner');
      expect((await socket.request('session_refresh', { token: owner })).error.code).toBe('FORBIDDEN');
      expect((await socket.request('session_refresh', { token: 'nope' })).error.code).toBe('UNAUTHENTICATED');
      expect((await socket.request('session_refresh', {})).error.code).toBe('BAD_REQUEST');
      // Not refreshed any more: the session ends with the last token.
      expect(await cutOff(socket, 8000)).toBe('expired');
    } finally {
      await short.stop();
      removeDir(short.dir);
    }
  });
});

describe('API keys', () => {
  it('are shown once, work as a bearer token and a socket token, keep within the creator’s role, and stop at once when revoked', async () => {
    const owner = (await login('owner')).token;
    const made = await api(server.url, 'POST', '/api/keys', { token: owner, body: { name: 'pos', role: 'staff', expiresIn: 3600 } });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({
      key: { id: expect.any(String), name: 'pos', role: 'staff', restaurantId: 'r1', createdBy: 'owner', createdAt: expect.any(String), expiresAt: expect.any(String) },
      token: expect.stringMatching(/^rtck_.{40,}/),
    });
    const key = made.body.token as string;
    expect((await me(key)).body.user).toMatchObject({ role: 'staff', restaurantId: 'r1' });
    const order = await api(server.url, 'POST', '/api/orders', { token: key, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 } });
    expect(order.status).toBe(201);
    const socket = await connectRaw(server.url, key);
    expect((await socket.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
    expect((await api(server.url, 'GET', '/api/keys', { token: owner })).body.keys.map((k: { id: string }) => k.id)).toContain(made.body.key.id);
    expect(JSON.stringify((await api(server.url, 'GET', '/api/keys', { token: owner })).body)).not.toContain(key);

    expect((await api(server.url, 'POST', '/api/keys', { token: owner, body: { name: 'x', role: 'superadmin' } })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/keys', { token: owner, body: { name: 'x', role: 'staff', restaurantId: 'r2' } })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/keys', { token: (await login('chef')).token, body: { name: 'x', role: 'staff' } })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/keys', { token: owner, body: { name: 'x', role: 'staff', expiresIn: -5 } })).status).toBe(400);

    expect((await api(server.url, 'DELETE', `/api/keys/${made.body.key.id}`, { token: owner })).status).toBe(204);
    expect((await me(key)).status).toBe(401);
    expect(await cutOff(socket)).toBe('API key revoked');
    await expect(connectRaw(server.url, key)).rejects.toMatchObject({ message: 'Authentication failed' });
    expect((await api(server.url, 'DELETE', `/api/keys/${made.body.key.id}`, { token: owner })).status).toBe(404);
  });
});
