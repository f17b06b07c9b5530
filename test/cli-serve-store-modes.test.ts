import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const mode = (path: string) => statSync(path).mode & 0o777;

/** Some writes, so that the write-ahead log and its index are in use. */
async function writeSome(url: string): Promise<void> {
  const token = (await api(url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } })).body.token as string;
  const created = await api(url, 'POST', '/api/orders', { token, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 } });
  expect(created.status).toBe(201);
}

describe('the store is the owner’s alone', { timeout: 180_000 }, () => {
  it('makes the database, its -wal and -shm and the token secret 0600 (umask 022 would give 0644)', async () => {
    const db = join(dir, 'new.db');
    const server = await spawnServe(['--demo', '--db', db]);
    await writeSome(server.url);
    for (const file of [db, `${db}-wal`, `${db}-shm`, `${db}.jwt-secret`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).not.toMatch(/other users can read/);
  });

  it('makes the default data folder 0700, with the database 0600 in it', async () => {
    const data = join(dir, 'xdg', 'rtc');
    const server = await spawnServe(['--demo'], { RTC_DATA_DIR: data });
    await writeSome(server.url);
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'rtc.db'))).toBe(0o600);
    expect(mode(join(data, 'rtc.db-wal'))).toBe(0o600);
    expect(await server.stop()).toBe(0);
  });

  it('warns at start, on stderr and in the log, about an existing store others can read, with the chmod', async () => {
    const db = join(dir, 'old.db');
    const first = await spawnServe(['--demo', '--db', db]);
    await writeSome(first.url);
    expect(await first.stop()).toBe(0);
    chmodSync(db, 0o644); // as an older rtc (or a copy with cp) left it

    const second = await spawnServe(['--db', db]);
    expect(await second.stop()).toBe(0);
    const lines = second.stderr().trim().split('\n');
    const said = lines.find((line) => line.startsWith('rtc: warning:'));
    expect(said).toMatch(new RegExp(`other users can read ${db.replace(/[.]/g, '\\.')} \\(mode 0644\\).*password hash.*chmod 600 ${db.replace(/[.]/g, '\\.')}`));
    const logged = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; files?: string[] });
    expect(logged.find((entry) => /other users can read/.test(entry.msg))).toMatchObject({ level: 40, files: expect.arrayContaining([db]) });

    chmodSync(db, 0o600);
    const third = await spawnServe(['--db', db]);
    expect(await third.stop()).toBe(0);
    expect(third.stderr()).not.toMatch(/other users can read/);
  });
});
