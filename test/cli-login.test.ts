import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTC_BIN, rtc } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';
import { TmuxSession } from './helpers/tmux.js';

let dir: string;
let serve: ServeProcess;
beforeAll(async () => {
  dir = tempDir();
  serve = await spawnServe(['--demo', '--db', ':memory:']);
});
afterAll(async () => {
  await serve.stop();
  removeDir(dir);
});

describe('rtc login at a terminal', () => {
  it('asks for the password without echoing it, and saves the profile with mode 0600', async () => {
    const config = join(dir, 'tty');
    const session = TmuxSession.start(
      `rtc-login-${process.pid}`,
      `env RTC_CONFIG_DIR=${config} NO_COLOR=1 ${process.execPath} ${RTC_BIN} login --server ${serve.url} --username chef; sleep 30`,
    );
    try {
      await session.waitForText('password for chef:');
      session.keys('chef-secret-typed');
      // Correct the typo the way people do: erase what was typed and type again.
      for (let i = 0; i < 'chef-secret-typed'.length; i++) session.keys('BSpace');
      session.keys('chef', 'Enter');
      const screen = await session.waitForText('logged in to');
      expect(screen).not.toContain('chef-secret-typed');
      expect(screen).toMatch(/password for chef: *\n/);
      expect(screen).toContain('as chef (staff of r1)');
    } finally {
      session.kill();
    }
    const file = join(config, 'profiles.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default).toMatchObject({ server: serve.url, user: { username: 'chef' } });
    const who = await rtc(['whoami'], { env: { RTC_CONFIG_DIR: config } });
    expect(who.stdout.trim()).toBe(`chef (staff of Demo Bistro (r1)) on ${serve.url}`);
  });

  it('refuses to prompt without a terminal and says to use --password-stdin', async () => {
    const result = await rtc(['login', '--server', serve.url, '--username', 'chef'], { env: { RTC_CONFIG_DIR: join(dir, 'pipe') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--password-stdin');
  });

  it('keeps profiles apart with --profile', async () => {
    const env = { RTC_CONFIG_DIR: join(dir, 'profiles') };
    expect((await rtc(['--profile', 'night', 'login', '--server', serve.url, '-u', 'chef2', '--password-stdin'], { env, input: 'chef2' })).code).toBe(0);
    expect((await rtc(['login', '--server', serve.url, '-u', 'owner', '--password-stdin'], { env, input: 'owner\n' })).code).toBe(0);
    expect(JSON.parse((await rtc(['--profile', 'night', 'whoami', '--json'], { env })).stdout).user.username).toBe('chef2');
    expect(JSON.parse((await rtc(['whoami', '--json'], { env })).stdout).user.username).toBe('owner');
    expect(JSON.parse((await rtc(['--profile', 'night', 'logout', '--json'], { env })).stdout)).toEqual({ loggedOut: true, profile: 'night' });
    expect((await rtc(['--profile', 'night', 'whoami'], { env })).code).toBe(4);
  });
});
