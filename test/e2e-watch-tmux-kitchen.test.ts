import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { killTmuxServer, untilScreen } from './helpers/tmux.js';
import { serveWithChef, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

// What a cook does at the built `rtc watch` in a real terminal (tmux), against a spawned
// `rtc serve --demo`: another screen bumps the selected ticket, a double press, undo, a partition.
// Runs the built binary: `npm run build` first (npm test does). The tests share one board and run in order.
const SOCKET = `rtc-e2e-kitchen-${process.pid}`;
let serve: ServeProcess;
let url: string;
let dataDir: string;
let configDir: string;
let superConfigDir: string;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const env = () => ({ RTC_CONFIG_DIR: configDir });
const cli = async (...args: string[]) => {
  const result = await rtc(args, { env: env() });
  expect(result.code, `rtc ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
};
const createOrder = async (customer: string): Promise<string> =>
  JSON.parse((await cli('order', 'create', '--restaurant', 'r1', '--items', '1x Ramen', '--amount', '12', '--customer', customer, '--json')).stdout).order.id;
const statusOf = async (id: string): Promise<string> => JSON.parse((await cli('order', 'show', id, '--json')).stdout).order.status;

/** `rtc watch` as the chef in a new tmux session; answers a function that reads its screen. */
function watch(session: string): () => string {
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', '-e', `RTC_CONFIG_DIR=${configDir}`, `${process.execPath} ${RTC_BIN} watch; sleep 60`);
  return () => tmux('capture-pane', '-p', '-t', session);
}

beforeAll(async () => {
  dataDir = tempDir('rtc-e2e-data-');
  ({ serve } = await serveWithChef(dataDir, ['--log-level', 'silent']));
  configDir = join(dataDir, 'config');
  superConfigDir = tempDir('rtc-e2e-super-');
  url = serve.url;
  const superLogin = await rtc(['login', '--server', url, '--username', 'super', '--password-stdin'], { env: { RTC_CONFIG_DIR: superConfigDir }, input: 'super\n' });
  expect(superLogin.code, superLogin.stderr).toBe(0);
});

afterAll(async () => {
  killTmuxServer(SOCKET);
  await serve?.stop();
  removeDir(dataDir);
  removeDir(superConfigDir);
});

describe('rtc watch in a kitchen', () => {
  it('a ticket bumped from another screen keeps the selection; once it leaves the board, Enter bumps nothing and says so', async () => {
    const chosen = await createOrder('Remote');
    const other = await createOrder('Bystander');
    const screen = watch('remote');
    await untilScreen(screen, new RegExp(`${chosen}[\\s\\S]*${other}|${other}[\\s\\S]*${chosen}`), 'both tickets on the board');
    // A fresh board selects the oldest ticket; `o` opens the selected one, which names it.
    tmux('send-keys', '-t', 'remote', 'o');
    await untilScreen(screen, new RegExp(`Ticket ${chosen}`), 'the selected ticket opened');
    tmux('send-keys', '-t', 'remote', 'o');
    await untilScreen(screen, /Pending 2/, 'the board again');

    await cli('order', 'advance', chosen);
    await untilScreen(screen, /Pending 1\s+Confirmed 1/, 'the remote bump on the board');
    tmux('send-keys', '-t', 'remote', 'o');
    await untilScreen(screen, new RegExp(`Ticket ${chosen}`), 'the selection still on the bumped ticket, not on the other one');
    tmux('send-keys', '-t', 'remote', 'o');
    await untilScreen(screen, /Pending 1\s+Confirmed 1/, 'the board again');

    await cli('order', 'cancel', chosen, '--reason', 'e2e');
    await untilScreen(screen, /Pending 1\s+Confirmed 0/, 'the cancelled ticket off the board');
    tmux('send-keys', '-t', 'remote', 'Enter');
    await untilScreen(screen, new RegExp(`nothing to bump: ${chosen} left the board`), 'Enter saying nothing is selected');
    await sleep(1000);
    expect(await statusOf(other)).toBe('Pending');
    await cli('order', 'cancel', other, '--reason', 'e2e');
  });

  it('Enter pressed twice at once bumps the ticket once', async () => {
    const id = await createOrder('Twice');
    const screen = watch('twice');
    await untilScreen(screen, new RegExp(id), 'the ticket on the board');
    // Two presses, as two key events a few ms apart (one send-keys of both would be one chunk of input).
    tmux('send-keys', '-t', 'twice', 'Enter');
    tmux('send-keys', '-t', 'twice', 'Enter');
    await untilScreen(screen, /Pending 0\s+Confirmed 1/, 'the ticket bumped');
    // A second bump would follow the ticket (selection by id) into Preparing: give it time to show.
    await sleep(2000);
    expect(await statusOf(id)).toBe('Confirmed');
    expect(screen()).toMatch(/Confirmed 1\s+Preparing 0/);
    await cli('order', 'cancel', id, '--reason', 'e2e');
  });

  it('u undoes this screen\'s last bump, says what it undid, and then has nothing left to undo', async () => {
    const id = await createOrder('Undo');
    const screen = watch('undo');
    await untilScreen(screen, new RegExp(id), 'the ticket on the board');
    tmux('send-keys', '-t', 'undo', 'Enter');
    // Under a loaded full suite this first Enter was lost twice in about ten runs (the ticket on the
    // screen, selected, and nothing bumped); the cause is not found yet (see the closing note of
    // 2026-11-30). This test is about u, so it presses once more and says so; the Enter tests of
    // e2e-watch-tmux-keys still fail on any lost key.
    const bumped = /Pending 0\s+Confirmed 1/;
    if (!(await untilScreen(screen, bumped, 'the ticket bumped', 5_000).then(() => true, () => false))) {
      console.log('undo test: the first Enter was lost; pressing again');
      tmux('send-keys', '-t', 'undo', 'Enter');
      await untilScreen(screen, bumped, 'the ticket bumped after a second Enter');
    }
    await waitFor(async () => (await statusOf(id)) === 'Confirmed', 'the bump stored');
    tmux('send-keys', '-t', 'undo', 'u');
    await untilScreen(screen, new RegExp(`undid bump of ${id} \\(Pending → Confirmed\\)`), 'the undo said on the message line');
    await untilScreen(screen, /Pending 1\s+Confirmed 0/, 'the ticket back in Pending');
    expect(await statusOf(id)).toBe('Pending');
    // Past the 300 ms in which a second u would count as the same press (the bump bar's debounce).
    await sleep(400);
    tmux('send-keys', '-t', 'undo', 'u');
    await untilScreen(screen, /nothing left to undo/, 'a second u with nothing left');
    expect(await statusOf(id)).toBe('Pending');
    await cli('order', 'cancel', id, '--reason', 'e2e');
  });

  it('a silent partition shows STALE within seconds, and the board catches up with what it missed after the heal', async () => {
    const screen = watch('partition');
    await untilScreen(screen, /Pending \d+/, 'the board');
    const superCli = (...args: string[]) => rtc(args, { env: { RTC_CONFIG_DIR: superConfigDir } });
    const cut = await superCli('chaos', 'partition', '--user', 'chef', '--for', '12s');
    expect(cut.code, cut.stderr).toBe(0);
    const startedAt = Date.now();
    // The server sends nothing at all now: only the board's own heartbeat can tell (9 s of silence).
    await untilScreen(screen, /STALE/, 'STALE in the header', 20_000);
    const staleAfterMs = Date.now() - startedAt;
    console.log(`partition seen as STALE after ${staleAfterMs} ms`);
    const missed = await createOrder('Missed');
    expect(screen()).not.toContain(missed);
    await untilScreen(screen, new RegExp(missed), 'the order made during the partition, after the heal', 40_000);
    await untilScreen(screen, /^(?![\s\S]*STALE)/, 'STALE gone once the server answered', 10_000);
    await cli('order', 'cancel', missed, '--reason', 'e2e');
  });

  it('quits quietly when its terminal goes away (no stack trace for the write that fails)', async () => {
    const errors = join(dataDir, 'watch-stderr.txt');
    tmux('new-session', '-d', '-s', 'gone', '-x', '100', '-y', '30', '-e', `RTC_CONFIG_DIR=${configDir}`, `${process.execPath} ${RTC_BIN} watch 2>${errors}`);
    const screen = () => tmux('capture-pane', '-p', '-t', 'gone');
    await untilScreen(screen, /Pending \d+/, 'the board');
    tmux('kill-session', '-t', 'gone');
    await sleep(2000);
    const text = readFileSync(errors, 'utf8');
    expect(text).not.toMatch(/Error|at .*\.js:\d+/);
  });
});
