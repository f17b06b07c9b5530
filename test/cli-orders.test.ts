import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { serveWithChef, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

let dir: string;
let serve: ServeProcess;
let env: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  ({ serve, env } = await serveWithChef(dir));
});
afterAll(async () => {
  await serve.stop();
  removeDir(dir);
});

describe('rtc order, as an operator scripts it', () => {
  it('walks an order from Pending to Delivered with the contract JSON and exit codes', async () => {
    const created = await rtc(['order', 'create', '--restaurant', 'r1', '--items', '2x Burger, 1x Fries', '--amount', '23.5', '--json'], { env });
    expect(created.code, created.stderr).toBe(0);
    const { order } = JSON.parse(created.stdout);
    expect(Object.keys(JSON.parse(created.stdout))).toEqual(['order']);
    expect(order).toMatchObject({ restaurantId: 'r1', status: 'Pending', version: 1, amount: 23.5, customerName: 'Walk-in' });
    expect(order.items).toEqual([{ name: 'Burger', qty: 2 }, { name: 'Fries', qty: 1 }]);
    for (const next of ['Confirmed', 'Preparing', 'Out for Delivery', 'Delivered']) {
      const step = await rtc(['order', 'advance', order.id, '--json'], { env });
      expect(step.code, step.stderr).toBe(0);
      expect(JSON.parse(step.stdout).order.status).toBe(next);
    }
    const again = await rtc(['order', 'advance', order.id, '--json'], { env });
    expect(again.code).toBe(3);
    expect(again.stdout).toBe('');
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });
    const show = await rtc(['order', 'show', order.id, '--json'], { env });
    expect(JSON.parse(show.stdout).events).toHaveLength(5);
    const human = await rtc(['order', 'show', order.id], { env });
    expect(human.stdout).toContain(order.id);
    expect(human.stdout).toContain('Out for Delivery → Delivered');
  });

  it('prints the new order id first and lists in a table', async () => {
    const created = await rtc(['order', 'create', '-r', 'r1', '-i', '1x Soup', '-a', '6', '--customer', 'Zed'], { env });
    expect(created.code).toBe(0);
    const [id = '', header, row] = created.stdout.split('\n');
    // `| head -1` gives the id alone, as the help and README say; the table follows.
    expect(id).toMatch(/^[A-Z0-9]{6}$/);
    expect(header).toMatch(/^ID\s/);
    expect(row!.split(/\s+/)[0]).toBe(id);
    const list = await rtc(['order', 'list', '--status', 'pending'], { env });
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('Zed');
    const byKebab = await rtc(['order', 'advance', id, '--to', 'confirmed', '--expect', 'PENDING', '--json'], { env });
    expect(JSON.parse(byKebab.stdout).order.status).toBe('Confirmed');
    const conflict = await rtc(['order', 'advance', id, '--expect', 'pending'], { env });
    expect(conflict.code).toBe(3);
    expect(conflict.stderr).toMatch(/^rtc: .*CONFLICT/);
    const cancel = await rtc(['order', 'cancel', id, '--reason', 'no soup', '--json'], { env });
    expect(JSON.parse(cancel.stdout).event.reason).toBe('no soup');
  });

  it('maps every failure to the contract exit code with a one-line message', async () => {
    const cases: [string[], number, RegExp][] = [
      [['order', 'show', 'NOPE'], 5, /does not exist/],
      [['order', 'create', '-r', 'r2', '-i', '1x Tea', '-a', '2'], 4, /FORBIDDEN/],
      [['order', 'create', '-r', 'r1', '-i', '1x Tea', '-a', 'lots'], 2, /--amount/],
      [['order', 'create', '-r', 'r1', '-i', '1x Tea', '-a', '-5'], 2, /negative/],
      [['order', 'create', '-r', 'r1', '-i', '', '-a', '5'], 2, /items/],
      [['order', 'list', '--status', 'teleported'], 2, /not a status/],
      [['order', 'advance'], 2, /missing required argument/],
      [['--server', 'http://127.0.0.1:1', '--token', 'some-token', 'order', 'list'], 6, /cannot reach/],
      [['--server', 'http://127.0.0.1:1', 'order', 'list'], 4, /not logged in to http:\/\/127\.0\.0\.1:1/],
      [['--token', 'forged.token.value', 'order', 'list'], 4, /token/],
    ];
    for (const [args, code, message] of cases) {
      const result = await rtc(args, { env });
      expect(result.code, args.join(' ') + result.stderr).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n').length, result.stderr).toBeLessThanOrEqual(2);
    }
  });

  it('says to run rtc login when there is no context, and whoami shows the profile', async () => {
    const none = await rtc(['order', 'list'], { env: { ...env, RTC_CONFIG_DIR: join(dir, 'empty') } });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('rtc login');
    const who = await rtc(['whoami', '--json'], { env });
    expect(JSON.parse(who.stdout)).toEqual({ user: { id: 'chef', username: 'chef', role: 'staff', restaurantId: 'r1' }, server: serve.url });
    const wrong = await rtc(['login', '--server', serve.url, '--username', 'chef', '--password-stdin'], { env: { ...env, RTC_CONFIG_DIR: join(dir, 'other') }, input: 'nope' });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('wrong username or password');
    const out = await rtc(['logout', '--json'], { env: { ...env, RTC_CONFIG_DIR: join(dir, 'other') } });
    expect(JSON.parse(out.stdout)).toEqual({ loggedOut: false, profile: 'default' });
  });

  it('takes context from the environment over the profile', async () => {
    // RTC_SERVER wins over the profile's server, but the profile's token is not sent there.
    const viaEnv = await rtc(['whoami'], { env: { ...env, RTC_SERVER: 'http://127.0.0.1:1' } });
    expect(viaEnv.code).toBe(4);
    expect(viaEnv.stderr).toContain('not logged in to http://127.0.0.1:1');
    const bothFromEnv = await rtc(['whoami', '--json'], { env: { ...env, RTC_SERVER: 'http://127.0.0.1:1', RTC_TOKEN: 'some-token' } });
    expect(bothFromEnv.code).toBe(6);
    const viaFlag = await rtc(['--server', serve.url, 'whoami', '--json'], { env: { ...env, RTC_SERVER: 'http://127.0.0.1:1' } });
    expect(viaFlag.code).toBe(0);
  });

  it('answers --version and --help', async () => {
    expect((await rtc(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await rtc(['order', 'advance', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--expect');
  });
});
