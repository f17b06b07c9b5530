import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, startTestServer, tempDir } from './helpers/server.js';

const dir = tempDir('rtc-store-faults-');
afterAll(() => removeDir(dir));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ORDER = { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 };

const login = async (url: string, username: string) =>
  (await api(url, 'POST', '/api/auth/login', { body: { username, password: username } })).body.token as string;

/** Another process that takes SQLite's write lock on `db` (BEGIN IMMEDIATE) and keeps it until killed. */
async function holdWriteLock(db: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', "const d = new (require('better-sqlite3'))(process.argv[1]); d.exec('BEGIN IMMEDIATE'); console.log('held'); setInterval(() => {}, 1000);", db], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return child;
}

describe('store faults answer UNAVAILABLE and never block the server', () => {
  it('keeps serving while another process holds the write lock, and says who holds it', async () => {
    const db = join(dir, 'locked.db');
    const server = await spawnServe(['--demo', '--db', db]);
    const token = await login(server.url, 'chef');
    const holder = await holdWriteLock(db);
    try {
      const write = api(server.url, 'POST', '/api/orders', { token, body: ORDER });
      const healthz: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        expect((await api(server.url, 'GET', '/healthz')).status).toBe(200);
        healthz.push(performance.now() - started);
      }
      const refused = await write;
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('UNAVAILABLE');
      expect(refused.body.error.message).toMatch(new RegExp(`write lock of .*locked\\.db is held by another process \\(pid ${holder.pid}`));
      // Before: each write waited 5 s in SQLite's busy handler, and /healthz with it.
      expect(Math.max(...healthz)).toBeLessThan(1000);

      const cli = await rtc(['order', 'create', '-r', 'r1', '-i', '1x Tea', '-a', '2', '--server', server.url, '--token', token]);
      expect(cli.code).toBe(8);
      expect(cli.stderr).toMatch(/held by another process.*\[UNAVAILABLE\]/);
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    expect((await api(server.url, 'POST', '/api/orders', { token, body: ORDER })).status).toBe(201);
    expect(await server.stop()).toBe(0);
  }, 60_000);

  it('refuses a second rtc serve on the same file, naming the first; a server killed -9 does not block a restart', async () => {
    const db = join(dir, 'two.db');
    const first = await spawnServe(['--demo', '--db', db]);
    const second = await rtc(['serve', '--db', db, '--port', '0']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).toContain(first.url);
    expect(second.stderr).toMatch(/--store postgres:\/\//);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    first.child.kill('SIGKILL');
    await first.stop();
    const again = await spawnServe(['--db', db]);
    expect((await api(again.url, 'GET', '/healthz')).status).toBe(200);
    expect(await again.stop()).toBe(0);
  }, 60_000);

  it.each(['deleted', 'replaced'] as const)('stops confirming writes once the database file is %s, with an error in the log', async (fault) => {
    {
      const db = join(dir, `${fault}.db`);
      const server = await spawnServe(['--demo', '--db', db]);
      const token = await login(server.url, 'chef');
      expect((await api(server.url, 'POST', '/api/orders', { token, body: ORDER })).status).toBe(201);
      if (fault === 'deleted') {
        for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      } else {
        writeFileSync(`${db}.new`, '');
        renameSync(`${db}.new`, db);
      }
      const refused = await api(server.url, 'POST', '/api/orders', { token, body: ORDER });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('UNAVAILABLE');
      expect(refused.body.error.message).toContain(`${db} was ${fault}`);
      const bump = await api(server.url, 'GET', '/api/orders?restaurantId=r1', { token });
      expect(bump.status).toBe(200); // reads go on from the open file
      const advance = await api(server.url, 'POST', `/api/orders/${bump.body.orders[0].id}/advance`, { token, body: {} });
      expect(advance.status).toBe(503);
      await server.stop();
      const errors = server
        .stderr()
        .split('\n')
        .filter((line) => line.includes(`was ${fault}`))
        .map((line) => JSON.parse(line) as { level: number });
      expect(errors).toHaveLength(1);
      expect(errors[0]!.level).toBe(50);
    }
  }, 60_000);

  it('answers UNAVAILABLE naming a full disk (SQLITE_FULL) instead of a bare 500', async () => {
    const path = join(dir, 'full.db');
    const store = SqliteStore.open(path);
    const server = await startTestServer({ store, db: path, dir });
    const token = await server.login('chef');
    // A full disk, as SQLite sees one: the file may not grow past the pages it has.
    const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let answer;
    for (let i = 0; i < 1000; i++) {
      answer = await api(server.url, 'POST', '/api/orders', { token, body: { ...ORDER, customerName: `guest ${i} `.repeat(8) } });
      if (answer.status !== 201) break;
    }
    expect(answer!.status).toBe(503);
    expect(answer!.body.error.code).toBe('UNAVAILABLE');
    expect(answer!.body.error.message).toMatch(/disk holding .*full\.db is full \(SQLITE_FULL/);
    await server.stop();
  });

  it('refuses to start on a read-only store (exit 2, naming the file and the fix)', async () => {
    const folder = join(dir, 'ro');
    mkdirSync(folder);
    const path = join(folder, 'rtc.db');
    await SqliteStore.open(path).close();
    chmodSync(path, 0o444);
    let result;
    if (process.getuid?.() === 0) {
      // root writes whatever the mode says: run the server as nobody, as a service user would be.
      chmodSync(dir, 0o755);
      chownSync(folder, 65534, 65534);
      chownSync(path, 65534, 65534);
      const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, RTC_BIN, 'serve', '--db', path, '--port', '0'], {
        encoding: 'utf8',
        env: { ...process.env, RTC_JWT_SECRET: 'x'.repeat(32), HOME: folder },
        timeout: 20_000,
      });
      if (run.error) return; // no setpriv here: nothing to learn as root
      result = { code: run.status, stderr: run.stderr };
    } else {
      result = await rtc(['serve', '--db', path, '--port', '0']);
    }
    expect(result.stderr).toMatch(/rtc\.db is read-only for this user.*writable/);
    expect(result.code).toBe(2);
  });

  it('reports the WAL size in /metrics and truncates it when the store is idle', async () => {
    const path = join(dir, 'wal.db');
    const store = SqliteStore.open(path, { checkpointMinBytes: 1 });
    const server = await startTestServer({ store, db: path, dir });
    const token = await server.login('chef');
    for (let i = 0; i < 20; i++) await api(server.url, 'POST', '/api/orders', { token, body: ORDER });
    const walBytes = async () => Number(/^rtc_sqlite_wal_bytes (\d+)$/m.exec((await api(server.url, 'GET', '/metrics')).body)![1]);
    expect(await walBytes()).toBeGreaterThan(0);
    expect(store.checkpointIfIdle()).toBe(false); // busy: written just now
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(store.checkpointIfIdle()).toBe(true);
    expect(await walBytes()).toBe(0);
    expect((await api(server.url, 'POST', '/api/orders', { token, body: ORDER })).status).toBe(201);
    await server.stop();
  });
});
