import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { rtc } from './helpers/cli.js';
import { removeDir, startTestServer, tempDir, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// Runs the built binary: `npm run build` first (npm test does).
let server: TestServer;
let superToken: string;
let configDir: string;

beforeAll(async () => {
  server = await startTestServer({ streamHeadMs: 1000 });
  superToken = await server.login('super');
  configDir = tempDir('rtc-cli-config-');
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
  removeDir(configDir);
});

const as = (token: string, ...args: string[]) =>
  rtc([...args, '--server', server.url, '--token', token], { env: { RTC_CONFIG_DIR: configDir, RTC_SERVER: undefined, RTC_TOKEN: undefined } });

describe('rtc chaos', () => {
  it('injects, lists and heals faults, printing the HTTP answers with --json', async () => {
    const loss = await as(superToken, 'chaos', 'loss', '--rate', '30%', '--restaurant', 'r1', '--for', '30s', '--seed', '7', '--json');
    expect(loss.code, loss.stderr).toBe(0);
    const { fault } = JSON.parse(loss.stdout);
    expect(fault).toMatchObject({ type: 'loss', rate: 0.3, restaurantId: 'r1', seed: 7 });
    expect(fault.remainingMs).toBeLessThanOrEqual(30_000);

    const latency = await as(superToken, 'chaos', 'latency', '--ms', '200', '--jitter', '50', '--user', 'chef');
    expect(latency.code, latency.stderr).toBe(0);
    expect(latency.stdout).toMatch(/latency 200±50 ms · user chef/);

    const status = await as(superToken, 'chaos', 'status', '--json');
    expect(JSON.parse(status.stdout).faults.map((f: { type: string }) => f.type)).toEqual(['loss', 'latency']);
    const table = await as(superToken, 'chaos', 'status');
    expect(table.stdout).toMatch(/DROPPED/);

    const one = await as(superToken, 'chaos', 'heal', fault.id, '--json');
    expect(JSON.parse(one.stdout).fault.id).toBe(fault.id);
    const all = await as(superToken, 'chaos', 'heal', '--json');
    expect(JSON.parse(all.stdout).healed).toHaveLength(1);
    expect((await as(superToken, 'chaos', 'heal')).stdout).toMatch(/no active faults/);
  });

  it('answers with the contract exit codes', async () => {
    const chef = await server.login('chef');
    const forbidden = await as(chef, 'chaos', 'partition', '--json');
    expect(forbidden.code).toBe(4);
    expect(JSON.parse(forbidden.stderr).error.code).toBe('FORBIDDEN');
    expect((await as(superToken, 'chaos', 'loss', '--rate', '2')).code).toBe(2);
    expect((await as(superToken, 'chaos', 'partition', '--restaurant', 'r1', '--user', 'chef')).code).toBe(2);
    expect((await as(superToken, 'chaos', 'reorder', '--window', 'soon')).code).toBe(2);
    expect((await as(superToken, 'chaos', 'heal', 'f404')).code).toBe(5);
    expect((await as(superToken, 'chaos', 'partition', '--restaurant', 'nowhere')).code).toBe(5);
  });

  it('faults applied by hand leave an open watcher correct after heal', async () => {
    const watcher = new RtcClient({ server: server.url, token: await server.login('chef'), heartbeatMs: 300, heartbeatTimeoutMs: 300, requestTimeoutMs: 600 });
    const operator = new RtcClient({ server: server.url, token: superToken });
    try {
      await Promise.all([watcher.connect(), operator.connect()]);
      const board = watcher.watchRestaurant('r1');
      await waitFor(() => board.hasState, 'joined');
      for (const args of [
        ['loss', '--rate', '0.5', '--seed', '3'],
        ['duplicate', '--rate', '0.5'],
        ['latency', '--ms', '30'],
        ['reorder', '--window', '40ms'],
      ]) {
        const injected = await as(superToken, 'chaos', ...args, '--restaurant', 'r1');
        expect(injected.code, injected.stderr).toBe(0);
      }
      expect((await as(superToken, 'chaos', 'partition', '--user', 'chef', '--for', '1s')).code).toBe(0);
      for (let i = 0; i < 6; i++) {
        const { order } = await operator.createOrder({ restaurantId: 'r1', items: [{ name: 'Pie', qty: 1 }], amount: 4 });
        await operator.advance(order.id);
      }
      expect((await as(superToken, 'chaos', 'heal')).code).toBe(0);
      await waitFor(
        async () => {
          const open = await server.store.listOrders({ restaurantId: 'r1', openOnly: true });
          return (
            board.seq === (await server.store.headSeq('r1')) &&
            board.orders.size === open.length &&
            open.every((order) => board.orders.get(order.id)?.status === order.status)
          );
        },
        'the watcher matches the store',
        15_000,
      );
    } finally {
      watcher.close();
      operator.close();
    }
  });

  it('a watcher process with nothing else to do outlives a partition and catches up after it', async () => {
    const client = new URL('../dist/client/rtc-client.js', import.meta.url).href;
    const script = `
      import { RtcClient } from ${JSON.stringify(client)};
      const c = new RtcClient({ server: process.env.URL, token: process.env.TOKEN, heartbeatMs: 200, heartbeatTimeoutMs: 200, requestTimeoutMs: 400, reconnectDelayMs: 300 });
      await c.connect();
      const board = c.watchRestaurant('r1');
      c.on('board', () => console.log(board.seq));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, URL: server.url, TOKEN: await server.login('chef') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let exited = false;
    let seen = -1;
    child.on('exit', () => (exited = true));
    child.stdout.on('data', (chunk: Buffer) => (seen = Number(chunk.toString().trim().split('\n').pop())));
    try {
      await waitFor(() => seen >= 0, 'the child watches r1', 10_000);
      expect((await as(superToken, 'chaos', 'partition', '--user', 'chef', '--for', '1.5s')).code).toBe(0);
      await as(superToken, 'order', 'create', '--restaurant', 'r1', '--items', '1x Tea', '--amount', '2');
      const head = await server.store.headSeq('r1');
      await waitFor(() => seen === head || exited, 'the child catches up after the partition', 15_000);
      expect(exited).toBe(false);
      expect(seen).toBe(head);
    } finally {
      child.kill();
    }
  });

  it('runs the drill on an embedded server and reports JSON', async () => {
    const drill = await rtc(
      ['chaos', 'drill', '--watchers', '4', '--orders', '8', '--loss', '0.3', '--partition', '0.5s', '--duplicate', '0.1', '--seed', '3', '--json'],
      { env: { RTC_CONFIG_DIR: configDir }, timeoutMs: 60_000 },
    );
    expect(drill.code, drill.stderr).toBe(0);
    expect(drill.stderr).toBe('');
    const report = JSON.parse(drill.stdout);
    expect(report).toMatchObject({ converged: true, divergentWatchers: 0, seed: 3 });
    for (const field of ['events', 'dropped', 'delayed', 'duplicated', 'resyncs', 'recoveryMs', 'latencyMs']) expect(report).toHaveProperty(field);
    expect((await rtc(['chaos', 'drill', '--watchers', 'many'], { env: { RTC_CONFIG_DIR: configDir } })).code).toBe(2);
  }, 60_000);
});
