import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

// API keys and passwords through the built CLI, on a demo store (owner: admin of r1).
let dir: string;
let serve: ServeProcess;
const env = (name: string) => ({ RTC_CONFIG_DIR: join(dir, name), RTC_SERVER: '', RTC_TOKEN: '' });

beforeAll(async () => {
  dir = tempDir('rtc-keys-');
  serve = await spawnServe(['--demo', '--db', join(dir, 'rtc.db')]);
  const login = await rtc(['login', '--server', serve.url, '-u', 'owner', '--password-stdin'], { env: env('owner'), input: 'owner' });
  expect(login.code, login.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  removeDir(dir);
});

describe('rtc key', () => {
  it('prints the token once, lets a machine log in with it, and stops it at once when revoked', async () => {
    const human = await rtc(['key', 'create', '--name', 'pos', '--role', 'staff', '-r', 'r1', '--expires', '90d'], { env: env('owner') });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/shown once and will not be shown again/);
    const created = await rtc(['key', 'create', '--name', 'cron', '--role', 'staff', '-r', 'r1', '--json'], { env: env('owner') });
    const { key, token } = JSON.parse(created.stdout);
    expect(key).toMatchObject({ name: 'cron', role: 'staff', restaurantId: 'r1', expiresAt: null });
    expect(JSON.parse((await rtc(['key', 'list', '--json'], { env: env('owner') })).stdout).keys.map((k: { name: string }) => k.name)).toEqual(
      expect.arrayContaining(['pos', 'cron']),
    );

    const saved = await rtc(['login', '--server', serve.url, '--token-stdin'], { env: env('pos'), input: `${token}\n` });
    expect(saved.code, saved.stderr).toBe(0);
    expect((await rtc(['order', 'list', '-r', 'r1'], { env: env('pos') })).code).toBe(0);
    expect((await rtc(['order', 'list', '-r', 'r1'], { env: { ...env('nothing'), RTC_SERVER: serve.url, RTC_TOKEN: token } })).code).toBe(0);

    const revoked = await rtc(['key', 'revoke', key.id, '--json'], { env: env('owner') });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toEqual({});
    const refused = await rtc(['order', 'list', '-r', 'r1'], { env: env('pos') });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('[UNAUTHENTICATED]');
  }, 120_000);

  it('lists who made each key and when, and a key made by someone removed stops with them', async () => {
    const login = await rtc(['login', '--server', serve.url, '-u', 'super', '--password-stdin'], { env: env('super'), input: 'super' });
    expect(login.code, login.stderr).toBe(0);
    const added = await rtc(['user', 'add', 'mgr', '--role', 'admin', '-r', 'r1', '--password-stdin'], { env: env('super'), input: 'mgr-password\n' });
    expect(added.code, added.stderr).toBe(0);
    expect((await rtc(['login', '--server', serve.url, '-u', 'mgr', '--password-stdin'], { env: env('mgr'), input: 'mgr-password' })).code).toBe(0);
    const made = JSON.parse((await rtc(['key', 'create', '--name', 'backdoor', '--role', 'admin', '--json'], { env: env('mgr') })).stdout);
    expect(made.key).toMatchObject({ createdBy: 'mgr', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const listed = await rtc(['key', 'list'], { env: env('super') });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/ID +NAME +ROLE +RESTAURANT +CREATED BY +CREATED +EXPIRES/);
    const line = listed.stdout.split('\n').find((row) => row.startsWith(made.key.id));
    expect(line).toMatch(/backdoor +admin +r1 +mgr +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +never/);
    const json = JSON.parse((await rtc(['key', 'list', '--json'], { env: env('super') })).stdout);
    expect(json.keys.find((k: { id: string }) => k.id === made.key.id)).toEqual(made.key);

    const asKey = { ...env('nothing'), RTC_SERVER: serve.url, RTC_TOKEN: made.token };
    expect((await rtc(['order', 'list', '-r', 'r1'], { env: asKey })).code).toBe(0);
    for (const args of [
      ['key', 'create', '--name', 'more', '--role', 'admin'],
      ['user', 'add', 'ghost', '--role', 'staff', '-r', 'r1'],
      ['user', 'reset-password', 'chef'],
    ]) {
      const refused = await rtc(args, { env: asKey });
      expect(refused.code, args.join(' ')).toBe(4);
      expect(refused.stderr).toMatch(/an API key cannot .*: log in as a person to manage accounts \[FORBIDDEN\]/);
    }

    const removed = await rtc(['user', 'remove', 'mgr'], { env: env('super') });
    expect(removed.code, removed.stderr).toBe(0);
    const refused = await rtc(['order', 'list', '-r', 'r1'], { env: asKey });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('revoked');
    expect((await rtc(['key', 'list'], { env: env('super') })).stdout).not.toContain(made.key.id);
  }, 120_000);

  it('refuses a key above the creator and a bad --expires', async () => {
    const above = await rtc(['key', 'create', '--name', 'x', '--role', 'superadmin'], { env: env('owner') });
    expect(above.code).toBe(4);
    const bad = await rtc(['key', 'create', '--name', 'x', '--role', 'staff', '--expires', 'soon'], { env: env('owner') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expires');
  }, 60_000);
});

describe('rtc passwd and rtc user', () => {
  it('changes the password from two lines of stdin and keeps the profile logged in', async () => {
    const login = await rtc(['login', '--server', serve.url, '-u', 'chef', '--password-stdin'], { env: env('chef'), input: 'chef' });
    expect(login.code, login.stderr).toBe(0);
    const changed = await rtc(['passwd', '--password-stdin'], { env: env('chef'), input: 'chef\nnew-chef-pass\n' });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('profile logged in again');
    expect((await rtc(['whoami'], { env: env('chef') })).stdout).toContain('chef (staff of Demo Bistro (r1))');
    const wrong = await rtc(['passwd', '--password-stdin'], { env: env('chef'), input: 'not-it\nanother-pass\n' });
    expect(wrong.code).toBe(4);
  }, 90_000);

  it('lets an admin manage the staff of their restaurant only', async () => {
    const list = await rtc(['user', 'list'], { env: env('owner') });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Demo Bistro (r1)');
    const other = await rtc(['user', 'add', 'sam', '--role', 'staff', '-r', 'r2'], { env: env('owner') });
    expect(other.code).toBe(4);
    const added = await rtc(['user', 'add', 'sam', '--role', 'staff', '-r', 'r1'], { env: env('owner') });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/password: \S{8,}/);
    const disabled = await rtc(['user', 'remove', 'sam', '--disable', '--json'], { env: env('owner') });
    expect(JSON.parse(disabled.stdout).user).toMatchObject({ username: 'sam', disabled: true });
    const removed = await rtc(['user', 'remove', 'sam', '--json'], { env: env('owner') });
    expect(removed.code, removed.stderr).toBe(0);
    const gone = await rtc(['user', 'remove', 'sam'], { env: env('owner') });
    expect(gone.code).toBe(5);
    expect(gone.stderr).toContain('rtc user list');
  }, 90_000);
});
