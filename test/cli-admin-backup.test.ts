import Database from 'better-sqlite3';
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, tempDir } from './helpers/server.js';

const dir = tempDir('rtc-admin-backup-');
afterAll(() => removeDir(dir));

const ORDER = { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 };

describe('rtc admin backup and verify', () => {
  it('copies a store consistently while the server writes, and the copy verifies; damage is named', async () => {
    const db = join(dir, 'live.db');
    const server = await spawnServe(['--demo', '--db', db, '--rate-limit', '100000:100000']);
    const token = (await api(server.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } })).body.token as string;
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await api(server.url, 'POST', '/api/orders', { token, body: ORDER })).body.order.id);

    // Writes go on during the backup: the copy must still be one consistent snapshot.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await api(server.url, 'POST', `/api/orders/${ids[i % ids.length]}/advance`, { token, body: {} });
        await api(server.url, 'POST', '/api/orders', { token, body: ORDER });
      }
    })();
    const backup = join(dir, 'backup.db');
    const result = await rtc(['admin', 'backup', '--db', db, '--to', backup, '--json']);
    writing = false;
    await writer;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { orders: number; events: number; to: string };
    expect(summary.orders).toBeGreaterThanOrEqual(10);
    expect(summary.events).toBeGreaterThan(summary.orders - 1);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(existsSync(`${backup}-wal`)).toBe(false);
    const epochOf = (path: string) => {
      const raw = new Database(path, { readonly: true });
      const { value } = raw.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string };
      raw.close();
      return value;
    };
    expect(epochOf(backup)).not.toBe(epochOf(db)); // restored, it tells clients to reload

    const verified = await rtc(['admin', 'verify', '--db', backup]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`^ok: .*backup\\.db: 2 restaurants, ${summary.orders} orders, ${summary.events} events`));
    expect(verified.stdout.trim().split('\n')).toHaveLength(1);
    expect((await rtc(['admin', 'verify', '--db', db])).code).toBe(0); // the live store, only read
    expect(await server.stop()).toBe(0);

    expect((await rtc(['admin', 'backup', '--db', db, '--to', backup])).code).toBe(2); // never over an existing file

    // Damage a copy: a hole in r1's stream (and so in an order's versions), and a read model that lies.
    const damaged = join(dir, 'damaged.db');
    copyFileSync(backup, damaged);
    const raw = new Database(damaged);
    raw.exec('DROP TRIGGER events_append_only_delete');
    raw.prepare("DELETE FROM events WHERE restaurant_id = 'r1' AND seq = 2").run();
    raw.prepare("UPDATE orders SET version = version + 5 WHERE id = ?").run(ids[9]);
    raw.prepare("UPDATE orders SET customer_name = 'Mallory' WHERE id = ?").run(ids[8]);
    raw.close();
    const broken = await rtc(['admin', 'verify', '--db', damaged]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('restaurant r1: seq 3 follows 1 (a hole)');
    // Each broken row names the fields that differ (it said "(Pending, version 1) is not ... (Pending, version 1)").
    expect(broken.stdout).toContain(`order ${ids[9]}: the read model is not the fold of its events (fields that differ: version)`);
    expect(broken.stdout).toContain(`order ${ids[8]}: the read model is not the fold of its events (fields that differ: customerName)`);
    expect(broken.stderr).toMatch(/damaged\.db fails its check/);
  });

  it('names a missing or foreign file', async () => {
    const missing = await rtc(['admin', 'verify', '--db', join(dir, 'nope.db')]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/no database at .*nope\.db/);
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a database\n'.repeat(100));
    expect((await rtc(['admin', 'verify', '--db', notes])).code).toBe(2);
    expect((await rtc(['admin', 'backup', '--db', notes, '--to', join(dir, 'notes.bak')])).code).toBe(2);
  });
});
