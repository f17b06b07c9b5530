import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { decideTransition } from '../src/domain/transitions.js';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { verifyStore } from '../src/server/store/verify-store.js';
import { removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const newOrder = { restaurantId: 'r1', customerId: null, customerName: 'Walk-in', items: [{ name: 'Tea', qty: 1 }], amount: 2, actor: 'chef' };
const next = (current: { status: Parameters<typeof decideTransition>[0]['current'] }) => ({ to: decideTransition({ current: current.status }), reason: null });

/** `operators` closed loops of advances over their own orders, `rounds` each, one group commit per turn. */
async function advanceLoops(store: SqliteStore, ids: string[], operators: number, rounds: number): Promise<number> {
  let appended = 0;
  await Promise.all(
    Array.from({ length: operators }, async (_, k) => {
      for (let round = 0; round < rounds; round++) {
        const id = ids[k * (rounds / 4) + Math.floor(round / 4)]!;
        await store.transition(id, 'chef', next);
        appended++;
      }
    }),
  );
  return appended;
}

describe('background checkpoint', () => {
  it('copies the WAL in a worker while commands stream in, and the log starts over instead of growing', async () => {
    const path = join(dir, 'background.db');
    const store = SqliteStore.open(path, { backgroundCheckpointEvery: 100 });
    await store.upsertRestaurant({ id: 'r1', name: 'One' });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(...(await Promise.all(Array.from({ length: 200 }, () => store.createOrder(newOrder)))).map((c) => c.order.id));
    const appended = await advanceLoops(store, ids, 20, 400);
    expect(appended).toBe(8000);
    // Rounds answer asynchronously: give the last one a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stats = store.background!.stats;
    // Bounds loose enough for a loaded machine, where the worker gets fewer turns (27 MB seen at load
    // 9), and still far from a log that never starts over: ~80 MB without the finishing rounds.
    expect(stats.rounds).toBeGreaterThan(5);
    expect(statSync(`${path}-wal`).size).toBeLessThan(40 * 1024 * 1024);
    expect(stats.finishes).toBeGreaterThan(2);
    await store.close();

    const db = new Database(path, { readonly: true });
    try {
      const check = verifyStore(db);
      expect(check.problems).toEqual([]);
      expect(check.events).toBe(2000 + 8000);
    } finally {
      db.close();
    }
  });

  it('loses no acknowledged append when the process is killed -9 during checkpoints', async () => {
    const path = join(dir, 'killed.db');
    const store = SqliteStore.open(path);
    await store.upsertRestaurant({ id: 'r1', name: 'One' });
    const ids = (await Promise.all(Array.from({ length: 2000 }, () => store.createOrder(newOrder)))).map((c) => c.order.id);
    await store.close();

    // A child process advances them with a checkpoint every 50 appends and prints each acknowledged one.
    const storeModule = new URL('../dist/server/store/sqlite-store.js', import.meta.url).href;
    const script = `
      const { SqliteStore } = await import(${JSON.stringify(storeModule)});
      const ids = ${JSON.stringify(ids)};
      const store = SqliteStore.open(${JSON.stringify(path)}, { backgroundCheckpointEvery: 50 });
      const to = { Pending: 'Confirmed', Confirmed: 'Preparing', Preparing: 'Out for Delivery', 'Out for Delivery': 'Delivered' };
      await Promise.all(Array.from({ length: 40 }, async (_, k) => {
        for (let i = 0; i < 200; i++) {
          const id = ids[k * 50 + Math.floor(i / 4)];
          const { event } = await store.transition(id, 'chef', (order) => ({ to: to[order.status], reason: null }));
          process.stdout.write(id + ' ' + event.version + ' ' + event.seq + ' ' + store.background.stats.rounds + '\\n');
        }
      }));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const acknowledged: { id: string; version: number; seq: number }[] = [];
    let rounds = 0;
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const [id, version, seq, done] = line.split(' ');
        acknowledged.push({ id: id!, version: Number(version), seq: Number(seq) });
        rounds = Number(done);
        // Killed in the middle of the stream, once the worker has checkpointed a few times.
        if (rounds >= 5 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    expect(stderr).toBe('');
    expect(rounds).toBeGreaterThanOrEqual(5);

    const reopened = SqliteStore.open(path);
    const events = await reopened.allEvents();
    const stored = new Set(events.map((e) => `${e.orderId} ${e.version} ${e.seq}`));
    for (const { id, version, seq } of acknowledged) expect(stored.has(`${id} ${version} ${seq}`), `${id} v${version}`).toBe(true);
    await reopened.close();
    const db = new Database(path, { readonly: true });
    try {
      expect(verifyStore(db).problems).toEqual([]);
    } finally {
      db.close();
    }
  });
});
