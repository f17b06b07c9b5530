import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

// A manager's day with the staff list, through the built CLI on a demo store (owner: admin of r1).
let dir: string;
let serve: ServeProcess;
const env = (name: string) => ({ RTC_CONFIG_DIR: join(dir, name), RTC_SERVER: '', RTC_TOKEN: '' });
const login = (name: string, password: string) => rtc(['login', '--server', serve.url, '-u', name, '--password-stdin'], { env: env(name), input: password });

beforeAll(async () => {
  dir = tempDir('rtc-users-');
  serve = await spawnServe(['--demo', '--db', join(dir, 'rtc.db')]);
  expect((await login('owner', 'owner')).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  removeDir(dir);
});

describe('rtc user', () => {
  it('disables a cook on leave and enables them again, with the same password', async () => {
    const added = await rtc(['user', 'add', 'tony', '--role', 'staff', '-r', 'r1', '--password-stdin', '--json'], { env: env('owner'), input: 'tony-secret-1' });
    expect(added.code, added.stderr).toBe(0);
    const disabled = await rtc(['user', 'remove', 'tony', '--disable'], { env: env('owner') });
    expect(disabled.code, disabled.stderr).toBe(0);
    expect((await login('tony', 'tony-secret-1')).code).toBe(4);
    // Its --help says how to undo it.
    expect((await rtc(['user', 'remove', '--help'])).stdout.replace(/\s+/g, ' ')).toContain('rtc user enable');
    const enabled = await rtc(['user', 'enable', 'tony'], { env: env('owner') });
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stdout).toMatch(/enabled tony: they can log in again/);
    expect((await login('tony', 'tony-secret-1')).code).toBe(0);
    const json = await rtc(['user', 'enable', 'tony', '--json'], { env: env('owner') });
    expect(JSON.parse(json.stdout).user).toMatchObject({ username: 'tony', disabled: false });
  }, 60_000);
});
