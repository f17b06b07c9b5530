import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/client/http-client.js';
import { foldOrders } from '../src/domain/fold.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { rtc } from './helpers/cli.js';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const login = async (url: string, username: string) =>
  (await api(url, 'POST', '/api/auth/login', { body: { username, password: username } })).body.token as string;

describe('rtc serve faces its faults', () => {
  it('refuses a file that is not SQLite, with a message and a non-zero exit, and leaves it alone', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const result = await rtc(['serve', '--db', path, '--port', '0']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/not an SQLite database/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a read-only database with a clear message', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes; make the directory unwritable through a path that cannot exist instead.
      const result = await rtc(['serve', '--db', '/proc/rtc-cannot-be-here/rtc.db', '--port', '0']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/cannot open .* for writing|cannot open database|folder .* does not exist/);
      return;
    }
    const path = join(dir, 'ro.db');
    (await SqliteStore.open(path)).close();
    chmodSync(path, 0o444);
    const result = await rtc(['serve', '--db', path, '--port', '0']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/for writing/);
  });

  it('refuses a database written by a newer rtc, saying to upgrade', async () => {
    const path = join(dir, 'future.db');
    (await SqliteStore.open(path)).close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const result = await rtc(['serve', '--db', path, '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schema version 99 is newer .* upgrade rtc/);
  });

  it('says when the port is taken', async () => {
    const first = await spawnServe(['--db', join(dir, 'port.db')]);
    const port = new URL(first.url).port;
    const second = await rtc(['serve', '--db', join(dir, 'port2.db'), '--port', port]);
    // A port in use is for the user to fix: a usage error (exit 2) with the fix as the hint, never INTERNAL (exit 1).
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^rtc: port ${port} .* already in use: .*--port \\[BAD_REQUEST\\]\\n$`));
    const json = await rtc(['serve', '--json', '--db', join(dir, 'port3.db'), '--port', port]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('already in use'), hint: expect.stringContaining('--port') },
    });
    expect(await first.stop()).toBe(0);
  });

  it('names the fix when the --db folder is missing, is a file, or the path is a folder', async () => {
    const missing = await rtc(['serve', '--db', join(dir, 'no-such-folder', 'rtc.db'), '--port', '0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/its folder .*no-such-folder does not exist: create it \(mkdir -p .*\) or choose another --db \[BAD_REQUEST\]/);

    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder\n');
    const underFile = await rtc(['serve', '--db', join(file, 'rtc.db'), '--port', '0']);
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toMatch(/plain-file is not a folder: choose another --db \[BAD_REQUEST\]/);

    const folder = await rtc(['serve', '--db', dir, '--port', '0']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder, not a database file: point --db at a file in it/);
  });

  it('names the fix when the default data folder cannot be made', async () => {
    const file = join(dir, 'data-dir-file');
    writeFileSync(file, 'not a folder\n');
    const result = await rtc(['serve', '--port', '0'], { env: { RTC_DATA_DIR: join(file, 'rtc') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot make the data folder .*: set RTC_DATA_DIR to a writable folder, or pass --db PATH \[BAD_REQUEST\]/);
  });

  it('keeps tokens valid across a restart and stores the secret with mode 0600', async () => {
    const db = join(dir, 'restart.db');
    const first = await spawnServe(['--demo', '--db', db]);
    const token = await login(first.url, 'chef');
    await first.stop();
    expect(statSync(`${db}.jwt-secret`).mode & 0o777).toBe(0o600);
    const second = await spawnServe(['--db', db]);
    const me = await api(second.url, 'GET', '/api/me', { token });
    expect(me.status).toBe(200);
    await second.stop();
  });

  it.each([
    ['normal', []],
    ['full', ['--sync', 'full']],
  ])('loses no advance answered 200 when killed -9 in the middle of a burst (--sync %s)', async (mode, syncFlags) => {
    const db = join(dir, `crash-${mode}.db`);
    const first = await spawnServe(['--demo', '--db', db, ...syncFlags, '--rate-limit', '100000:100000', '--user-rate-limit', '100000:100000']);
    const token = await login(first.url, 'chef');
    const client = new HttpClient({ server: first.url, token, timeoutMs: 2000 });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await client.createOrder({ restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 })).order.id);
    const acknowledged: { id: string; version: number }[] = [];
    let running = true;
    const workers = ids.map(async (id) => {
      while (running) {
        try {
          const { order } = await client.advance(id);
          acknowledged.push({ id, version: order.version });
        } catch {
          return;
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    first.child.kill('SIGKILL');
    running = false;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(0);

    const store = SqliteStore.open(db);
    const events = await store.allEvents();
    for (const { id, version } of acknowledged) {
      expect(events.some((e) => e.orderId === id && e.version === version), `${id} v${version}`).toBe(true);
    }
    const folded = foldOrders(events);
    for (const order of await store.listOrders({})) expect(folded.get(order.id)).toEqual(order);
    await store.close();

    // And it starts again on the same file with everything there.
    const again = await spawnServe(['--db', db]);
    const listed = await api(again.url, 'GET', '/api/orders?restaurantId=r1', { token: await login(again.url, 'chef') });
    expect(listed.body.orders).toHaveLength(40);
    await again.stop();
  });

  it('shuts down cleanly on SIGINT', async () => {
    const server = await spawnServe(['--db', join(dir, 'sigint.db')]);
    expect(await server.stop('SIGINT')).toBe(0);
  });
});
