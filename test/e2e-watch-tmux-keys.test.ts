import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rtc, RTC_BIN } from './helpers/cli.js';
import { serveWithChef, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';
import { killTmuxServer, untilScreen } from './helpers/tmux.js';
import { sleep, waitFor } from './helpers/wait.js';

// The built `rtc watch` in a real terminal (tmux) as the line cook's trial used it: keys sent in one
// write, number keys while another screen takes tickets off the board, and NO_COLOR. Against a spawned
// `rtc serve --demo`; runs the built binary (`npm run build` first). The tests share one board and
// each takes its tickets off it when done.
const SOCKET = `rtc-e2e-keys-${process.pid}`;
let serve: ServeProcess;
let dataDir: string;
let configDir: string;
const made: string[] = [];

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const env = () => ({ RTC_CONFIG_DIR: configDir });
const cli = async (...args: string[]) => {
  const result = await rtc(args, { env: env() });
  expect(result.code, `rtc ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
};
const createOrder = async (customer: string, note?: string): Promise<string> => {
  const args = ['order', 'create', '--restaurant', 'r1', '--items', '1x Ramen', '--amount', '12', '--customer', customer, '--json'];
  const id: string = JSON.parse((await cli(...args, ...(note ? ['--note', note] : []))).stdout).order.id;
  made.push(id);
  // Ticket age and order are by creation time: a few ms apart keeps "oldest first" unambiguous.
  await sleep(20);
  return id;
};
const statusOf = async (id: string): Promise<string> => JSON.parse((await cli('order', 'show', id, '--json')).stdout).order.status;

/** `rtc watch` as the chef in a new tmux session of this size; answers a function that reads its screen (`escapes`: with SGR). */
function watch(session: string, size: [number, number], extraEnv: string[] = []): (escapes?: boolean) => string {
  const envArgs = [`RTC_CONFIG_DIR=${configDir}`, ...extraEnv].flatMap((pair) => ['-e', pair]);
  tmux('new-session', '-d', '-s', session, '-x', String(size[0]), '-y', String(size[1]), ...envArgs, `${process.execPath} ${RTC_BIN} watch --no-bell; sleep 60`);
  return (escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session);
}

beforeAll(async () => {
  dataDir = tempDir('rtc-e2e-data-');
  ({ serve } = await serveWithChef(dataDir, ['--log-level', 'silent']));
  configDir = join(dataDir, 'config');
  const url = serve.url;
});

afterEach(async () => {
  // Each test leaves the board empty for the next: its tickets are cancelled (those already gone refuse).
  for (const id of made.splice(0)) await rtc(['order', 'cancel', id, '--reason', 'e2e'], { env: env() });
});

afterAll(async () => {
  killTmuxServer(SOCKET);
  await serve?.stop();
  removeDir(dataDir);
});

describe('rtc watch keys in a terminal', () => {
  it('keys sent in one write each act: j and Enter move then bump, Enter Enter bumps once', async () => {
    const first = await createOrder('First');
    const second = await createOrder('Second');
    const screen = watch('chunk', [80, 24]);
    await untilScreen(screen, new RegExp(`▸1 ${first}[\\s\\S]*2 ${second}`), 'both tickets, the oldest selected');
    // One send-keys of two keys is one write to the terminal: one read for the board.
    tmux('send-keys', '-t', 'chunk', 'j', 'Enter');
    await untilScreen(screen, new RegExp(`${second} → Confirmed`), 'the second ticket bumped after the move');
    expect(await statusOf(first)).toBe('Pending');
    expect(await statusOf(second)).toBe('Confirmed');
    tmux('send-keys', '-t', 'chunk', 'Enter', 'Enter');
    await untilScreen(screen, new RegExp(`${second} → Preparing`), 'one bump of the double press');
    // A second bump would follow the ticket into Out for Delivery: give it time to show.
    await sleep(1500);
    expect(await statusOf(second)).toBe('Preparing');
  });

  it('a number stays with its ticket when another screen takes ticket 1 off the board', async () => {
    const ids = [await createOrder('One'), await createOrder('Two'), await createOrder('Three'), await createOrder('Four')];
    const screen = watch('numbers', [160, 50]);
    // The cook reads the card that says 3.
    await untilScreen(screen, new RegExp(`3 ${ids[2]}`), 'ticket 3 on its card');
    await cli('order', 'cancel', ids[0]!, '--reason', 'race');
    await untilScreen(screen, /Pending 3/, 'ticket 1 gone from the board');
    expect(screen()).toMatch(new RegExp(`3 ${ids[2]}`));
    tmux('send-keys', '-t', 'numbers', '3');
    await untilScreen(screen, new RegExp(`${ids[2]} → Confirmed`), 'the ticket that said 3 bumped');
    expect(await statusOf(ids[3]!)).toBe('Pending');
    // And 1, whose ticket has just left, bumps nothing.
    tmux('send-keys', '-t', 'numbers', '1');
    await untilScreen(screen, new RegExp(`ticket 1 \\(${ids[0]}\\) left the board: nothing bumped`), 'the refusal of 1');
    expect(await statusOf(ids[1]!)).toBe('Pending');
  });

  // NO_COLOR is rtc's own switch; FORCE_COLOR=0 and TERM=dumb reach Ink's chalk directly, which is
  // why they are checked too (a bundled second copy of chalk once kept the attributes for NO_COLOR only).
  it.each([
    ['NO_COLOR=1', 'nocolor'],
    ['FORCE_COLOR=0', 'forcecolor0'],
  ])('with %s the board has no colour but keeps bold and inverse, and the selection shows on the wide board', async (variable, session) => {
    const id = await createOrder('Allergic', 'ALLERGY: peanuts');
    const screen = watch(session, [160, 50], [variable]);
    await untilScreen(screen, /!! NOTE: ALLERGY: PEANUTS/, 'the allergy on the card');
    const raw = screen(true);
    // capture-pane -e writes the attributes back as SGR sequences: inverse (7) and bold (1) are there...
    expect(raw).toMatch(/\u001b\[[0-9;]*\b7m[^\u001b]*!! NOTE: ALLERGY: PEANUTS/);
    expect(raw).toMatch(/\u001b\[[0-9;]*\b1m/);
    // ...and no colour at all (foreground, background, 256 or true colour).
    expect(raw).not.toMatch(/\u001b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
    // The selected ticket reads without colour: its ▸.
    expect(screen()).toMatch(new RegExp(`▸1 ${id}`));
  });
});
