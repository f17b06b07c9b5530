import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { api, removeDir, startTestServer, tempDir, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// Runs the built binary: `npm run build` first (npm test does).
let server: TestServer;
let configDir: string;
beforeAll(async () => {
  server = await startTestServer();
  configDir = tempDir('rtc-watch-config-');
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
  removeDir(configDir);
});

/** `rtc watch` with stdout a pipe (so NDJSON), its lines collected as they come. */
function watch(args: string[]) {
  const child = spawn(process.execPath, [RTC_BIN, 'watch', ...args], {
    env: { ...process.env, RTC_CONFIG_DIR: configDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { event: string; data: any }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line)));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, lines, exited, stderr: () => stderr };
}

describe('rtc watch --json', () => {
  it('prints one server event a line, as {event, data}, and exits 0 on SIGINT', async () => {
    const token = await server.login('chef');
    const watcher = watch(['--server', server.url, '--token', token]);
    try {
      // The staff token names no restaurant on the command line: watch asks /api/me and follows r1.
      const joined = await waitFor(() => watcher.lines.find((line) => line.event === 'room_joined'), 'room_joined', 8000);
      expect(joined.data).toEqual({ room: 'restaurant_r1' });
      const owner = await server.login('owner');
      const { body } = await api(server.url, 'POST', '/api/orders', { token: owner, body: { restaurantId: 'r1', items: [{ name: 'Soup', qty: 1 }], amount: 6 } });
      const id = body.order.id;
      await waitFor(() => watcher.lines.find((line) => line.event === 'restaurant_order_received' && line.data.order.id === id), 'the order line');
      await api(server.url, 'POST', `/api/orders/${id}/advance`, { token: owner, body: {} });
      const update = await waitFor(() => watcher.lines.find((line) => line.event === 'order_status_updated' && line.data.orderId === id), 'the update line');
      expect(update.data).toMatchObject({ orderId: id, restaurantId: 'r1', from: 'Pending', newStatus: 'Confirmed' });
      expect(Object.keys(watcher.lines[0]!)).toEqual(['event', 'data']);
    } finally {
      watcher.child.kill('SIGINT');
    }
    expect(await watcher.exited).toBe(0);
  });

  it('fails with one line on stderr and the contract exit code: forbidden 4 (restaurant, admin), unreachable 6', async () => {
    const chef2 = await server.login('chef2');
    const forbidden = watch(['--json', '--server', server.url, '--token', chef2, '--restaurant', 'r1']);
    expect(await forbidden.exited).toBe(4);
    expect(forbidden.stderr().trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(forbidden.stderr()).error.code).toBe('FORBIDDEN');

    const chef = await server.login('chef');
    const notAdmin = watch(['--json', '--server', server.url, '--token', chef, '--admin']);
    expect(await notAdmin.exited).toBe(4);
    expect(JSON.parse(notAdmin.stderr()).error.code).toBe('FORBIDDEN');

    const unreachable = await rtc(['watch', '--server', 'http://127.0.0.1:9', '--token', 'x', '--restaurant', 'r1'], { env: { RTC_CONFIG_DIR: configDir } });
    expect(unreachable.code).toBe(6);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toContain('cannot reach');
  });

  it('starts with room_joined for an order too, then its history, then live events', async () => {
    const owner = await server.login('owner');
    const { body } = await api(server.url, 'POST', '/api/orders', { token: owner, body: { restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 } });
    const id = body.order.id;
    await api(server.url, 'POST', `/api/orders/${id}/advance`, { token: owner, body: {} });
    await api(server.url, 'POST', `/api/orders/${id}/advance`, { token: owner, body: {} });
    const watcher = watch(['--server', server.url, '--token', owner, '--order', id]);
    try {
      await waitFor(() => watcher.lines.filter((line) => line.event === 'order_status_updated').length >= 2 && watcher.lines.some((line) => line.event === 'room_joined'), 'room_joined and the history', 8000);
      await api(server.url, 'POST', `/api/orders/${id}/advance`, { token: owner, body: {} });
      await waitFor(() => watcher.lines.filter((line) => line.event === 'order_status_updated').length >= 3, 'the live update', 8000);
      expect(watcher.lines.map((line) => line.event)).toEqual(['room_joined', 'order_status_updated', 'order_status_updated', 'order_status_updated']);
      expect(watcher.lines[0]!.data).toEqual({ room: `order_${id}` });
      expect(watcher.lines.slice(1).map((line) => line.data.version)).toEqual([2, 3, 4]);
    } finally {
      watcher.child.kill('SIGINT');
    }
    expect(await watcher.exited).toBe(0);
  });

  it('tells a customer without --order what to run', async () => {
    const alice = await server.login('alice');
    const result = await rtc(['watch', '--server', server.url, '--token', alice], { env: { RTC_CONFIG_DIR: configDir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rtc watch --order ID');
  });

  it('says on stderr when the link goes down and why, and when it is back (a script cannot tell a quiet kitchen from a dead link otherwise)', async () => {
    const own = await startTestServer();
    const port = Number(new URL(own.url).port);
    const token = await own.login('chef');
    const watcher = watch(['--server', own.url, '--token', token]);
    let again: TestServer | undefined;
    try {
      await waitFor(() => watcher.lines.find((line) => line.event === 'room_joined'), 'room_joined', 8000);
      await own.stop();
      await waitFor(() => /rtc: link down: .*reconnecting/.test(watcher.stderr()), 'the link-down line', 15_000);
      again = await startTestServer({ port, dir: own.dir, db: own.db });
      await waitFor(() => /rtc: connected again/.test(watcher.stderr()), 'the connected-again line', 20_000);
      expect(watcher.stderr().match(/link down/g)).toHaveLength(1);
      expect(watcher.child.exitCode).toBeNull();
    } finally {
      watcher.child.kill('SIGINT');
      await watcher.exited;
      await again?.stop();
      removeDir(own.dir);
    }
  }, 60_000);
});
