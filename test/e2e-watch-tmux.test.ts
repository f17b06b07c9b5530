import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { killTmuxServer } from './helpers/tmux.js';
import { serveWithChef, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// The built `rtc watch` in a real terminal (tmux), against a spawned `rtc serve --demo`.
// Runs the built binary: `npm run build` first (npm test does).
const SOCKET = `rtc-e2e-${process.pid}`;
const SESSION = 'board';
let serve: ServeProcess;
let dataDir: string;
let configDir: string;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const env = () => ({ RTC_CONFIG_DIR: configDir });

beforeAll(async () => {
  dataDir = tempDir('rtc-e2e-data-');
  ({ serve } = await serveWithChef(dataDir, ['--log-level', 'silent']));
  configDir = join(dataDir, 'config');
});

afterAll(async () => {
  killTmuxServer(SOCKET);
  await serve?.stop();
  removeDir(dataDir);
});

describe('rtc watch in a terminal', () => {
  it('shows an order created with the CLI, bumps it with Enter, and quits with q leaving the terminal as it was', async () => {
    const command = `${process.execPath} ${RTC_BIN} watch; echo "watch exited $?"; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', '-e', `RTC_CONFIG_DIR=${configDir}`, command);
    await waitFor(() => /Pending 0/.test(screen()) && screen().includes('connected'), 'the empty board', 15_000);
    expect(screen()).toContain('chef (staff)');

    const created = await rtc(['order', 'create', '--restaurant', 'r1', '--items', '2x Burger, 1x Fries', '--amount', '23.5', '--customer', 'Zoe', '--json'], { env: env() });
    expect(created.code).toBe(0);
    const id: string = JSON.parse(created.stdout).order.id;
    await waitFor(() => screen().includes(id), 'the new order on the board', 10_000);
    expect(screen()).toContain('2× Burger');
    expect(screen()).toContain('Zoe');

    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(() => /Pending 0\s+Confirmed 1/.test(screen()), 'the order bumped to Confirmed', 10_000);
    const shown = await rtc(['order', 'show', id, '--json'], { env: env() });
    expect(JSON.parse(shown.stdout).order.status).toBe('Confirmed');

    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor(() => screen().includes('watch exited 0'), 'rtc watch to exit 0', 10_000);
    // The alternate screen is gone: the board is no longer on the terminal.
    expect(screen()).not.toContain(id);
  });

  it('quits on Ctrl-C too, and on SIGTERM, giving the terminal back both times', async () => {
    const run = (session: string, command: string) => {
      tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-e', `RTC_CONFIG_DIR=${configDir}`, command);
      return () => tmux('capture-pane', '-p', '-t', session);
    };
    const ctrlC = run('ctrl-c', `${process.execPath} ${RTC_BIN} watch; echo "watch exited $?"; sleep 60`);
    await waitFor(() => /Pending \d+/.test(ctrlC()), 'the board', 15_000);
    tmux('send-keys', '-t', 'ctrl-c', 'C-c');
    await waitFor(() => ctrlC().includes('watch exited 0'), 'rtc watch to exit 0 on Ctrl-C', 15_000);
    expect(ctrlC()).not.toMatch(/Pending \d+/);

    // Started in the background, so also without a keyboard: the board shows, and a signal ends it. The
    // signal waits for the board to be drawn (tmux wait-for), not for a guessed time: a loaded machine
    // may take longer than any guess to draw it.
    const go = `sigterm-go-${process.pid}`;
    const sigterm = run(
      'sigterm',
      `${process.execPath} ${RTC_BIN} watch & pid=$!; tmux -L ${SOCKET} wait-for ${go}; kill -TERM $pid; wait $pid; echo "watch exited $?"; sleep 60`,
    );
    await waitFor(() => /Pending \d+/.test(sigterm()), 'the board, before SIGTERM', 15_000);
    tmux('wait-for', '-S', go);
    await waitFor(() => sigterm().includes('watch exited 0'), 'rtc watch to exit 0 on SIGTERM', 15_000);
    expect(sigterm()).not.toMatch(/Pending \d+/);
  });

  it.each([
    ['a restaurant that is not the user\'s', ['--restaurant', 'r2'], 4, 'rtc: cannot watch restaurant_r2'],
    ['an order that does not exist', ['--order', 'NOSUCH'], 5, 'NOT_FOUND'],
  ])('ends before taking the screen, with one line on stderr and the exit code, for %s', async (_what, args, code, message) => {
    const session = `refused-${code}`;
    const command = `${process.execPath} ${RTC_BIN} watch ${args.join(' ')}; echo "watch exited $?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-e', `RTC_CONFIG_DIR=${configDir}`, command);
    const pane = () => tmux('capture-pane', '-p', '-t', session);
    await waitFor(() => pane().includes(`watch exited ${code}`), `rtc watch to exit ${code}`, 15_000);
    expect(pane()).toContain(message);
    expect(pane().trim().split('\n').filter((line) => line.startsWith('rtc:'))).toHaveLength(1);
  });
});
