import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const tokens: Record<string, string> = {};
const call = (who: string, method: string, path: string, body?: unknown) =>
  api(server.url, method, path, { token: tokens[who] ?? who, ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['super', 'owner', 'chef', 'alice']) tokens[user] = await server.login(user);
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

describe('restaurants', () => {
  it('lists what each role may see, adds (superadmin only), renames (superadmin, admin of it), refuses duplicates', async () => {
    expect((await call('chef', 'GET', '/api/restaurants')).body).toEqual({ restaurants: [{ id: 'r1', name: 'Demo Bistro' }] });
    expect((await call('super', 'GET', '/api/restaurants')).body.restaurants.map((r: { id: string }) => r.id)).toEqual(['r1', 'r2']);
    expect(await call('super', 'POST', '/api/restaurants', { id: 'r3', name: 'Third Place' })).toEqual({ status: 201, body: { restaurant: { id: 'r3', name: 'Third Place' } } });
    expect((await call('super', 'POST', '/api/restaurants', { name: 'Chez Ünïcode Grill' })).body.restaurant.id).toBe('chez-unicode-grill');
    expect((await call('super', 'POST', '/api/restaurants', { id: 'r3', name: 'Again' })).body.error.code).toBe('CONFLICT');
    expect((await call('owner', 'POST', '/api/restaurants', { id: 'r9', name: 'Mine' })).status).toBe(403);
    expect((await call('super', 'POST', '/api/restaurants', { id: 'bad id!', name: 'x' })).status).toBe(400);
    expect((await call('super', 'POST', '/api/restaurants', { id: 'r8', name: 'evil\u001b[2J' })).status).toBe(400);
    expect((await call('owner', 'PATCH', '/api/restaurants/r1', { name: 'Bistro Deux' })).body).toEqual({ restaurant: { id: 'r1', name: 'Bistro Deux' } });
    expect((await call('owner', 'PATCH', '/api/restaurants/r2', { name: 'Not mine' })).status).toBe(403);
    expect((await call('super', 'PATCH', '/api/restaurants/nope', { name: 'x' })).status).toBe(404);
    expect((await call('alice', 'POST', '/api/restaurants', { name: 'x' })).status).toBe(403);
  });
});

describe('users', () => {
  it('creates users with a generated password shown once, refuses duplicates, bad usernames and short passwords', async () => {
    const made = await call('super', 'POST', '/api/users', { username: 'cook.one', role: 'staff', restaurantId: 'r1' });
    expect(made.status).toBe(201);
    expect(made.body.user).toEqual({ id: 'cook.one', username: 'cook.one', role: 'staff', restaurantId: 'r1', disabled: false });
    expect(made.body.password).toMatch(/^.{16,}$/);
    expect((await api(server.url, 'POST', '/api/auth/login', { body: { username: 'cook.one', password: made.body.password } })).status).toBe(200);
    expect((await call('super', 'POST', '/api/users', { username: 'cook.one', role: 'staff', restaurantId: 'r1' })).body.error.code).toBe('CONFLICT');
    for (const username of ['', 'Upper', 'has space', 'x'.repeat(65), 'semi;colon']) {
      expect((await call('super', 'POST', '/api/users', { username, role: 'customer' })).body.error.code).toBe('BAD_REQUEST');
    }
    const short = await call('super', 'POST', '/api/users', { username: 'shorty', role: 'customer', password: 'seven77' });
    expect(short.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('at least 8') });
    const given = await call('super', 'POST', '/api/users', { username: 'bea', role: 'customer', password: 'long-enough' });
    expect(given.body).toEqual({ user: { id: 'bea', username: 'bea', role: 'customer', restaurantId: null, disabled: false } });
    expect((await call('super', 'POST', '/api/users', { username: 'nowhere', role: 'staff' })).status).toBe(400);
    expect((await call('super', 'POST', '/api/users', { username: 'lost', role: 'staff', restaurantId: 'r404' })).status).toBe(404);
  });

  it('lets an admin manage only the staff of their restaurant', async () => {
    const staff = await call('owner', 'POST', '/api/users', { username: 'line-cook', role: 'staff' });
    expect(staff.body.user).toMatchObject({ role: 'staff', restaurantId: 'r1' });
    expect((await call('owner', 'POST', '/api/users', { username: 'boss', role: 'superadmin' })).body.error.code).toBe('FORBIDDEN');
    expect((await call('owner', 'POST', '/api/users', { username: 'boss2', role: 'admin', restaurantId: 'r1' })).body.error.code).toBe('FORBIDDEN');
    expect((await call('owner', 'POST', '/api/users', { username: 'spy', role: 'staff', restaurantId: 'r2' })).body.error.code).toBe('FORBIDDEN');
    expect((await call('owner', 'PATCH', '/api/users/chef2', { disabled: true })).body.error.code).toBe('FORBIDDEN');
    expect((await call('owner', 'PATCH', '/api/users/line-cook', { role: 'admin' })).body.error.code).toBe('FORBIDDEN');
    expect((await call('owner', 'GET', '/api/users?restaurantId=r2')).status).toBe(403);
    const listed = (await call('owner', 'GET', '/api/users')).body.users.map((u: { username: string }) => u.username);
    expect(listed).toContain('line-cook');
    expect(listed).not.toContain('chef2');
    expect((await call('chef', 'GET', '/api/users')).status).toBe(403);
    expect((await call('alice', 'POST', '/api/users', { username: 'friend', role: 'customer' })).status).toBe(403);
    expect((await call('owner', 'DELETE', '/api/users/line-cook')).status).toBe(204);
    expect((await call('owner', 'DELETE', '/api/users/line-cook')).status).toBe(404);
  });

  it('keeps one active superadmin: removing, disabling or demoting the last one is refused with the reason', async () => {
    const local = await startTestServer({ demo: false });
    try {
      const admin = local.firstSuperadmin!;
      const token = await local.login(admin.username, admin.password);
      for (const [method, body] of [
        ['DELETE', undefined],
        ['PATCH', { disabled: true }],
        ['PATCH', { role: 'customer' }],
      ] as const) {
        const refused = await api(local.url, method, '/api/users/admin', { token, ...(body ? { body } : {}) });
        expect(refused.status).toBe(409);
        expect(refused.body.error.message).toMatch(/last active superadmin/);
      }
      expect((await api(local.url, 'POST', '/api/users', { token, body: { username: 'second', role: 'superadmin', password: 'second-pass' } })).status).toBe(201);
      expect((await api(local.url, 'DELETE', '/api/users/admin', { token })).status).toBe(204);
      const second = await local.login('second', 'second-pass');
      expect((await api(local.url, 'DELETE', '/api/users/second', { token: second })).status).toBe(409);
    } finally {
      await local.stop();
      removeDir(local.dir);
    }
  });
});
