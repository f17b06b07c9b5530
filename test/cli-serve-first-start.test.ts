import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../src/server/store/sqlite-migrations.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { rtc } from './helpers/cli.js';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, startTestServer, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const loginStatus = async (url: string, username: string, password: string) =>
  (await api(url, 'POST', '/api/auth/login', { body: { username, password } })).status;

describe('first start', () => {
  it('makes the superadmin admin with a generated password, printed once on stderr with the login command', async () => {
    // A folder with a space and a quote: the banner's reset command must still paste into a shell.
    mkdirSync(join(dir, "chef's data"));
    const db = join(dir, "chef's data", 'fresh.db');
    const env = { RTC_ADMIN_PASSWORD: undefined, RTC_ADMIN_USERNAME: undefined, RTC_JWT_SECRET: undefined };
    const serve = await spawnServe(['--db', db, '--log-level', 'info'], env);
    const resetLine = /lost it\? (rtc admin reset-password .*), on this machine/.exec(serve.stderr())?.[1];
    expect(resetLine).toBe(`rtc admin reset-password --db '${db.replace(/'/g, `'\\''`)}' admin`);
    expect(spawnSync('sh', ['-c', `printf '%s\\n' ${resetLine!.slice('rtc admin reset-password --db '.length)}`], { encoding: 'utf8' }).stdout).toBe(`${db}\nadmin\n`);
    const printed = /password \(shown once, store it now\): (\S+)/.exec(serve.stderr());
    expect(printed).toBeTruthy();
    const password = printed![1]!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(serve.stderr()).toContain(`rtc login --server ${serve.url} --username admin`);
    // Never through the logger (pino's JSON lines).
    expect(serve.stderr().split('\n').filter((line) => line.startsWith('{') && line.includes(password))).toEqual([]);
    expect(await loginStatus(serve.url, 'admin', password)).toBe(200);
    await serve.stop();

    const again = await spawnServe(['--db', db], env);
    expect(again.stderr()).not.toContain('first start');
    expect(await loginStatus(again.url, 'admin', password)).toBe(200);
    await again.stop();

    // Locked out: reset offline, straight on the store.
    const reset = await rtc(['admin', 'reset-password', '--db', db, 'admin']);
    expect(reset.code).toBe(0);
    const fresh = /new password \(shown once\): (\S+)/.exec(reset.stdout)![1]!;
    const third = await spawnServe(['--db', db], env);
    expect(await loginStatus(third.url, 'admin', password)).toBe(401);
    expect(await loginStatus(third.url, 'admin', fresh)).toBe(200);
    await third.stop();
    expect((await rtc(['admin', 'reset-password', '--db', db, 'nobody'])).code).toBe(5);
    expect((await rtc(['admin', 'reset-password', '--db', db, 'admin', '--password-stdin'], { input: 'short\n' })).code).toBe(2);
    expect((await rtc(['admin', 'reset-password', '--db', db, 'admin', '--password-stdin'], { input: 'chosen-password\n' })).code).toBe(0);
  }, 120_000);

  it('makes no superadmin on a start that fails (a busy port): the next good start makes it and prints the password', async () => {
    const db = join(dir, 'busy-first.db');
    const env = { RTC_ADMIN_PASSWORD: undefined, RTC_ADMIN_USERNAME: undefined, RTC_JWT_SECRET: undefined };
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = String((blocker.address() as AddressInfo).port);
    try {
      const failed = await rtc(['serve', '--db', db, '--port', busyPort], { env });
      expect(failed.code).toBe(2);
      expect(failed.stderr).toMatch(/already in use/);
      expect(failed.stderr).not.toContain('first start');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // Whatever the store file holds, it holds no user whose password nobody saw.
    if (existsSync(db)) {
      const raw = new Database(db, { readonly: true });
      expect(raw.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
      raw.close();
    }

    const serve = await spawnServe(['--db', db], env);
    try {
      const printed = /password \(shown once, store it now\): (\S+)/.exec(serve.stderr());
      expect(printed, serve.stderr()).toBeTruthy();
      expect(serve.stderr()).toContain('first start: made the superadmin "admin"');
      expect(await loginStatus(serve.url, 'admin', printed![1]!)).toBe(200);
    } finally {
      await serve.stop();
    }
  }, 60_000);

  it('takes RTC_ADMIN_USERNAME and RTC_ADMIN_PASSWORD, and prints no password then', async () => {
    const serve = await spawnServe(['--db', join(dir, 'given.db')], { RTC_ADMIN_USERNAME: 'boss', RTC_ADMIN_PASSWORD: 'correct-horse', RTC_JWT_SECRET: undefined });
    expect(serve.stderr()).toContain('made the superadmin "boss"');
    expect(serve.stderr()).not.toContain('correct-horse');
    expect(await loginStatus(serve.url, 'boss', 'correct-horse')).toBe(200);
    await serve.stop();
  });
});

describe('a store of the previous release', () => {
  it('opens, gains the new tables and still takes the demo seed (demo logins work)', async () => {
    const db = join(dir, 'v1.db');
    const old = new Database(db);
    SQLITE_MIGRATIONS[0]!(old);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO restaurants (id, name) VALUES ('r1', 'Old Bistro')").run();
    old.close();
    const store = SqliteStore.open(db);
    expect(await store.listUsers()).toEqual([]);
    await store.close();

    const server = await startTestServer({ dir, db, demo: true });
    try {
      expect(server.firstSuperadmin).toBeUndefined();
      const token = await server.login('chef');
      expect((await api(server.url, 'GET', '/api/me', { token })).body.user).toMatchObject({ id: 'chef', restaurantId: 'r1' });
      expect((await api(server.url, 'GET', '/api/restaurants', { token })).body.restaurants).toEqual([{ id: 'r1', name: 'Demo Bistro' }]);
    } finally {
      await server.stop();
    }
    const reopened = new Database(db);
    expect(reopened.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    expect(reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sessions', 'refresh_tokens', 'api_keys') ORDER BY name").all()).toHaveLength(3);
    reopened.close();
  });
});
