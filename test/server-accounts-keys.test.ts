import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/server/auth/secrets.js';
import { connectRaw, type RawClient } from './helpers/raw-socket.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// API keys are bounded by the person who made them: they say who that is, they end with that person's
// standing (removed, disabled, role or restaurant changed), and they cannot manage accounts themselves.
// The store is re-read only every minute here: whatever is cut off within seconds was cut off by the
// change itself, not by a later sweep.
let server: TestServer;
let superToken: string;
let serial = 0;

beforeAll(async () => {
  server = await startTestServer({ sessionReloadMs: 60_000 });
  superToken = await server.login('super');
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const me = (token: string) => api(server.url, 'GET', '/api/me', { token });

/** A fresh admin of r1 (or `role`), logged in; answers its name and access token. */
async function person(role: 'admin' | 'staff' = 'admin'): Promise<{ name: string; token: string }> {
  const name = `maker${++serial}`;
  const made = await api(server.url, 'POST', '/api/users', { token: superToken, body: { username: name, role, restaurantId: 'r1', password: 'maker-pass' } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { name, token: await server.login(name, 'maker-pass') };
}

async function makeKey(token: string, body: Record<string, unknown> = { name: 'pos', role: 'staff' }): Promise<{ id: string; token: string; key: any }> {
  const made = await api(server.url, 'POST', '/api/keys', { token, body });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { id: made.body.key.id, token: made.body.token, key: made.body.key };
}

/**
 * A key that another key made, as earlier releases let a key do: written straight into the store,
 * since the API now refuses it.
 */
async function keyMadeBy(parentId: string): Promise<{ id: string; token: string }> {
  const id = `kchild${++serial}`;
  const token = `rtck_child_${id}_${'x'.repeat(30)}`;
  await server.store.createApiKey({
    id,
    name: 'forever',
    role: 'admin',
    restaurantId: 'r1',
    tokenHash: sha256Hex(token),
    createdBy: `key:${parentId}`,
    createdAt: Date.now(),
    expiresAt: null,
    revokedAt: null,
  });
  return { id, token };
}

/** Waits for the socket to be told session_expired and closed; answers the reason. */
async function cutOff(client: RawClient, withinMs = 3000): Promise<string> {
  await waitFor(() => !client.socket.connected, 'the key socket to be closed', withinMs);
  return client.received.find(([event]) => event === 'session_expired')?.[1].reason;
}

describe('who made a key', () => {
  it('is answered on creation and in the list: createdBy (the user id) and createdAt (ISO-8601)', async () => {
    const before = Date.now();
    const maker = await person();
    const { id, key } = await makeKey(maker.token, { name: 'till', role: 'staff', expiresIn: 3600 });
    expect(key).toEqual({
      id,
      name: 'till',
      role: 'staff',
      restaurantId: 'r1',
      createdBy: maker.name,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiresAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(Date.parse(key.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    const listed = (await api(server.url, 'GET', '/api/keys', { token: superToken })).body.keys.find((k: { id: string }) => k.id === id);
    expect(listed).toEqual(key);
  });
});

describe('a key ends with its maker', () => {
  for (const [what, change] of [
    ['removed', { method: 'DELETE' }],
    ['disabled', { method: 'PATCH', body: { disabled: true } }],
    ['demoted', { method: 'PATCH', body: { role: 'staff' } }],
    ['moved to another restaurant', { method: 'PATCH', body: { restaurantId: 'r2' } }],
  ] as const) {
    it(`when the maker is ${what}: the maker's keys and the keys those keys made are refused at once, their sockets closed`, async () => {
      const maker = await person();
      const own = await makeKey(maker.token, { name: 'pos', role: 'admin' });
      const child = await keyMadeBy(own.id);
      const grandchild = await keyMadeBy(child.id);
      const bystander = await makeKey(superToken, { name: 'kiosk', role: 'staff', restaurantId: 'r1' });
      for (const token of [own.token, child.token, grandchild.token, bystander.token]) expect((await me(token)).status).toBe(200);
      const socket = await connectRaw(server.url, child.token);
      expect((await socket.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);

      const body = 'body' in change ? { body: change.body } : {};
      const changed = await api(server.url, change.method, `/api/users/${maker.name}`, { token: superToken, ...body });
      expect(changed.status, JSON.stringify(changed.body)).toBe(change.method === 'DELETE' ? 204 : 200);

      for (const token of [own.token, child.token, grandchild.token]) {
        const refused = await me(token);
        expect(refused.status).toBe(401);
        expect(refused.body.error.message).toMatch(/revoked/);
      }
      expect(await cutOff(socket)).toBe('API key revoked');
      expect((await me(bystander.token)).status).toBe(200);
      const left = (await api(server.url, 'GET', '/api/keys', { token: superToken })).body.keys.map((k: { id: string }) => k.id);
      expect(left).not.toContain(own.id);
      expect(left).not.toContain(child.id);
      expect(left).toContain(bystander.id);
    });
  }

  it('but not when the maker only gets a new password (a reset or their own change)', async () => {
    const maker = await person();
    const own = await makeKey(maker.token);
    expect((await api(server.url, 'PATCH', `/api/users/${maker.name}`, { token: superToken, body: { password: 'another-pass' } })).status).toBe(200);
    const again = await server.login(maker.name, 'another-pass');
    expect((await api(server.url, 'POST', '/api/me/password', { token: again, body: { current: 'another-pass', new: 'third-pass!' } })).status).toBe(204);
    expect((await me(own.token)).status).toBe(200);
  });

  it('and revoking a key revokes the keys it made, at once', async () => {
    const maker = await person();
    const own = await makeKey(maker.token);
    const child = await keyMadeBy(own.id);
    const socket = await connectRaw(server.url, child.token);
    expect((await api(server.url, 'DELETE', `/api/keys/${own.id}`, { token: maker.token })).status).toBe(204);
    expect((await me(child.token)).status).toBe(401);
    expect(await cutOff(socket)).toBe('API key revoked');
    expect((await me(maker.token)).status).toBe(200);
  });
});

describe('an API key is no person', () => {
  it('cannot make or revoke keys, add, change or remove users, or reset passwords: 403 with a hint', async () => {
    const maker = await person();
    const adminKey = await makeKey(maker.token, { name: 'script', role: 'admin' });
    const superKey = await makeKey(superToken, { name: 'ops', role: 'superadmin' });
    const victim = await person('staff');
    const other = await makeKey(maker.token, { name: 'other', role: 'staff' });
    for (const key of [adminKey.token, superKey.token]) {
      for (const [method, path, body] of [
        ['POST', '/api/keys', { name: 'more', role: 'staff', restaurantId: 'r1' }],
        ['DELETE', `/api/keys/${other.id}`, undefined],
        ['POST', '/api/users', { username: 'ghost', role: 'staff', restaurantId: 'r1' }],
        ['PATCH', `/api/users/${victim.name}`, { password: 'taken-over' }],
        ['PATCH', `/api/users/${victim.name}`, { disabled: true }],
        ['DELETE', `/api/users/${victim.name}`, undefined],
        ['POST', '/api/me/password', { current: 'x', new: 'long-enough' }],
      ] as const) {
        const refused = await api(server.url, method, path, { token: key, ...(body ? { body } : {}) });
        expect(refused.status, `${method} ${path}`).toBe(403);
        expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', hint: 'log in as a person to manage accounts' });
      }
    }
    // Nothing happened: the victim logs in with their password, the other key works, no ghost.
    expect(await server.login(victim.name, 'maker-pass')).toEqual(expect.any(String));
    expect((await me(other.token)).status).toBe(200);
    const users = (await api(server.url, 'GET', '/api/users', { token: superToken })).body.users.map((u: { id: string }) => u.id);
    expect(users).not.toContain('ghost');
    // What keys are for still works: orders, boards, and reading the lists.
    const order = await api(server.url, 'POST', '/api/orders', { token: adminKey.token, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 } });
    expect(order.status).toBe(201);
    expect((await api(server.url, 'POST', `/api/orders/${order.body.order.id}/advance`, { token: adminKey.token, body: {} })).status).toBe(200);
    expect((await api(server.url, 'GET', '/api/keys', { token: adminKey.token })).status).toBe(200);
  });

  it('keeps expiresIn to whole seconds from 1 s to ten years', async () => {
    for (const expiresIn of [0, -5, 1.5, 10 * 365 * 86400 + 1, '3600', null]) {
      const refused = await api(server.url, 'POST', '/api/keys', { token: superToken, body: { name: 'x', role: 'staff', restaurantId: 'r1', expiresIn } });
      expect(refused.status, String(expiresIn)).toBe(400);
    }
    const { key } = await makeKey(superToken, { name: 'short', role: 'staff', restaurantId: 'r1', expiresIn: 1 });
    expect(Date.parse(key.expiresAt) - Date.parse(key.createdAt)).toBe(1000);
  });
});
