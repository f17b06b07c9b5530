import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { waitFor } from './helpers/wait.js';

// `rtc demo` in a real terminal (tmux): runs the built binary, so `npm run build` first.
const SOCKET = `rtc-demo-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'demo');
const demoDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('rtc-demo-'));

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    /* already gone */
  }
  // tmux leaves its socket file behind; it is this test's to remove.
  rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, SOCKET), { force: true });
});

describe('rtc demo', () => {
  it('opens the chef board on live simulated orders, survives a server restart, and q stops everything and cleans up', async () => {
    const before = new Set(demoDirs());
    tmux('new-session', '-d', '-s', 'demo', '-x', '120', '-y', '40', `${process.execPath} ${RTC_BIN} demo; echo "demo exited $?"; sleep 60`);
    await waitFor(() => screen().includes('Demo Bistro') && screen().includes('connected'), 'the demo board', 15_000);
    expect(screen()).toContain('chef (staff)');
    // The simulator orders every two seconds across two restaurants: a ticket shows up soon.
    await waitFor(() => /[23456789A-Z]{6}\s+(NEW\s+)?\d\d:\d\d/.test(screen()), 'a simulated ticket', 20_000);
    expect(screen()).toContain('! restart server');

    // `!` restarts the embedded server: the board goes stale, then catches up, no restart of the board.
    tmux('send-keys', '-t', 'demo', '!');
    await waitFor(() => screen().includes('STALE'), 'the stale board while the server is down', 10_000);
    await waitFor(() => screen().includes('demo server restarted') && !screen().includes('STALE'), 'the board back live', 20_000);

    tmux('send-keys', '-t', 'demo', 'q');
    await waitFor(() => screen().includes('demo exited 0'), 'rtc demo to exit 0', 10_000);
    expect(demoDirs().filter((name) => !before.has(name))).toEqual([]);
  });

  it('refuses to run without a terminal, and says what to run instead', async () => {
    const result = await rtc(['demo']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rtc serve --demo --simulate');
  });
});
