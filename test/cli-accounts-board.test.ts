import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

// A fresh store (no --demo) driven only through the built CLI, with 3-second access tokens so that
// boards and commands must renew their sessions all the time. Build first (npm test does).
let dir: string;
let serve: ServeProcess;
const ADMIN_PASSWORD = 'admin-pass-1';
const CHEF_PASSWORD = 'chef-pass-1';
const adminEnv = () => ({ RTC_CONFIG_DIR: join(dir, 'admin'), RTC_SERVER: '', RTC_TOKEN: '' });
const chefEnv = () => ({ RTC_CONFIG_DIR: join(dir, 'chef'), RTC_SERVER: '', RTC_TOKEN: '' });

beforeAll(async () => {
  dir = tempDir('rtc-accounts-');
  serve = await spawnServe(['--db', join(dir, 'rtc.db'), '--token-ttl', '3s'], { RTC_ADMIN_PASSWORD: ADMIN_PASSWORD });
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  removeDir(dir);
});

/** Runs the CLI and expects exit 0, answering stdout. */
async function ok(args: string[], env: Record<string, string>, input?: string): Promise<string> {
  const result = await rtc(args, { env, ...(input !== undefined ? { input } : {}), timeoutMs: 45_000 });
  expect(result.code, `rtc ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/** `rtc watch --json` as the chef's profile, its NDJSON lines and stderr collected as they come. */
function chefBoard() {
  const child = spawn(process.execPath, [RTC_BIN, 'watch', '--json'], { env: { ...process.env, ...chefEnv(), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: { event: string; data: any }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line)));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const received = (orderId: string) => lines.some((line) => line.event === 'restaurant_order_received' && line.data.order.id === orderId);
  return { child, lines, stderr: () => stderr, exited, received };
}

const createOrder = async (items: string) => JSON.parse(await ok(['order', 'create', '-r', 'r1', '-i', items, '-a', '5', '--json'], adminEnv())).order.id as string;

const chefRefreshToken = () => {
  try {
    return JSON.parse(readFileSync(join(dir, 'chef', 'profiles.json'), 'utf8')).profiles.default.refreshToken as string | undefined;
  } catch {
    return undefined;
  }
};

describe('from first start to a live board, with the CLI only', () => {
  it('sets up a restaurant and a chef, and the chef board sees an order', async () => {
    await ok(['login', '--server', serve.url, '-u', 'admin', '--password-stdin'], adminEnv(), ADMIN_PASSWORD);
    const added = JSON.parse(await ok(['restaurant', 'add', 'Harbour Grill', '--id', 'r1', '--json'], adminEnv()));
    expect(added).toEqual({ restaurant: { id: 'r1', name: 'Harbour Grill' } });
    const chef = JSON.parse(await ok(['user', 'add', 'chef', '--role', 'staff', '-r', 'r1', '--password-stdin', '--json'], adminEnv(), CHEF_PASSWORD));
    expect(chef.user).toMatchObject({ username: 'chef', role: 'staff', restaurantId: 'r1', disabled: false });
    expect(chef.password).toBeUndefined();
    await ok(['login', '--server', serve.url, '-u', 'chef', '--password-stdin'], chefEnv(), CHEF_PASSWORD);
    expect((await ok(['whoami'], chefEnv())).trim()).toBe(`chef (staff of Harbour Grill (r1)) on ${serve.url}`);

    const board = chefBoard();
    try {
      await waitFor(() => board.lines.some((line) => line.event === 'room_joined'), 'room_joined', 30_000);
      const id = await createOrder('2x Burger');
      await waitFor(() => board.received(id), 'the order on the chef board', 15_000);
      expect(await ok(['order', 'list'], chefEnv())).toContain('Harbour Grill (r1)');
    } finally {
      board.child.kill('SIGINT');
      await board.exited;
    }
  }, 240_000);

  it('refuses what the contract refuses, with its exit codes', async () => {
    const dup = await rtc(['user', 'add', 'chef', '--role', 'staff', '-r', 'r1'], { env: adminEnv() });
    expect(dup.code).toBe(3);
    expect(dup.stderr).toMatch(/^rtc: .*\[CONFLICT\]\n$/);
    const short = await rtc(['user', 'add', 'sam', '--role', 'staff', '-r', 'r1', '--password-stdin'], { env: adminEnv(), input: 'short' });
    expect(short.code).toBe(2);
    const role = await rtc(['user', 'add', 'sam', '--role', 'cook'], { env: adminEnv() });
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('customer, staff, admin, superadmin');
    const staff = await rtc(['user', 'list', '--json'], { env: chefEnv() });
    expect(staff.code).toBe(4);
    expect(JSON.parse(staff.stderr).error.code).toBe('FORBIDDEN');
  }, 120_000);
});

describe('a board that runs for a shift', () => {
  it('keeps its session across 10 renewals of a 3-second token and gets every order meanwhile', async () => {
    const board = chefBoard();
    const refreshTokens = new Set<string>();
    const sampler = setInterval(() => {
      const token = chefRefreshToken();
      if (token) refreshTokens.add(token);
    }, 200);
    const ids: string[] = [];
    try {
      await waitFor(() => board.lines.some((line) => line.event === 'room_joined'), 'room_joined', 30_000);
      const start = refreshTokens.size;
      while (refreshTokens.size - start < 11) {
        ids.push(await createOrder(`1x Soup ${ids.length}`));
        await sleep(1000);
        expect(board.child.exitCode, board.stderr()).toBeNull();
      }
      await waitFor(() => ids.every((id) => board.received(id)), 'every order on the board', 15_000);
      expect(board.stderr()).not.toContain('signed out');
      // Renewed in time, the socket is handed each new token (session_refresh) and never expired by the server.
      const expired = board.lines.filter((line) => line.event === 'session_expired').length;
      console.log(`renewals: ${refreshTokens.size - start}, orders: ${ids.length}, sockets expired by the server: ${expired}`);
    } finally {
      clearInterval(sampler);
      board.child.kill('SIGINT');
    }
    // Ctrl-C ends it with 0, not by the signal (signal-exit, loaded for the profile lock, once re-raised it).
    expect(await board.exited).toBe(0);
    expect(refreshTokens.size).toBeGreaterThanOrEqual(11);
  }, 300_000);
});

describe('a board whose session ends', () => {
  it('says signed out when its login is ended elsewhere, and picks up the next login without a restart', async () => {
    const board = chefBoard();
    try {
      await waitFor(() => board.lines.some((line) => line.event === 'room_joined'), 'room_joined', 30_000);
      // Another terminal on the same profile logs out: the server ends that login, sockets included.
      await ok(['logout'], chefEnv());
      await waitFor(() => board.stderr().includes('signed out'), '"signed out" from the board', 30_000);
      expect(board.stderr()).toContain('run rtc login');
      expect(board.child.exitCode).toBeNull();
      const missed = await createOrder('1x Pie');

      await ok(['login', '--server', serve.url, '-u', 'chef', '--password-stdin'], chefEnv(), CHEF_PASSWORD);
      await waitFor(() => board.stderr().includes('signed in again'), 'the board back in', 30_000);
      const after = await createOrder('1x Tart');
      // The order made while signed out comes with the re-join (since), the new one live.
      await waitFor(() => board.received(missed) && board.received(after), 'both orders on the board', 20_000);

      // The admin resets the chef's password: every session ends, the board says so again.
      const seen = board.stderr().length;
      await ok(['user', 'reset-password', 'chef', '--password-stdin'], adminEnv(), 'chef-pass-2');
      await waitFor(() => board.stderr().slice(seen).includes('signed out'), 'signed out after the reset', 30_000);
      await ok(['login', '--server', serve.url, '-u', 'chef', '--password-stdin'], chefEnv(), 'chef-pass-2');
      await waitFor(() => board.stderr().slice(seen).includes('signed in again'), 'back in after the reset', 30_000);
      const last = await createOrder('1x Cake');
      await waitFor(() => board.received(last), 'the last order on the board', 20_000);
    } finally {
      board.child.kill('SIGINT');
    }
    // Ctrl-C ends it with 0, not by the signal (signal-exit, loaded for the profile lock, once re-raised it).
    expect(await board.exited).toBe(0);
  }, 300_000);
});
