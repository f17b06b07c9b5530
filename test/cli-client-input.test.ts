import { describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';
import { afterAll } from 'vitest';

/** What a user types that the client must refuse itself, before any request (attacker trial, minor items). */
const config = tempDir();
afterAll(() => removeDir(config));
const env = { RTC_CONFIG_DIR: config, RTC_SERVER: undefined, RTC_TOKEN: undefined };

describe('server URLs: only http and https, refused with exit 2 before anything is sent', () => {
  it.each(['file:///etc/passwd', 'ftp://host/', 'javascript:alert(1)', 'localhost:4000', 'not a url'])('refuses --server %s, for a command and for login', async (url) => {
    for (const args of [['--server', url, '--token', 't', 'whoami'], ['--server', url, 'login', '-u', 'a', '--password-stdin']]) {
      const result = await rtc(args, { env, input: 'password\n' });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/--server .* is not an http or https URL.*http:\/\/127\.0\.0\.1:4000 \[BAD_REQUEST\]/);
    }
  });

  it('names RTC_SERVER when the URL came from there', async () => {
    const result = await rtc(['order', 'list'], { env: { ...env, RTC_SERVER: 'file:///etc/passwd', RTC_TOKEN: 't' } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^rtc: RTC_SERVER "file:\/\/\/etc\/passwd" is not an http or https URL/);
  });
});

describe('tokens that cannot go in a header: BAD_REQUEST exit 2 naming where the token came from', () => {
  const server = 'http://127.0.0.1:1';
  it('refuses a control character in --token, RTC_TOKEN or the profile, without echoing the token', async () => {
    const fromFlag = await rtc(['--server', server, '--token', 'abc\u0001def', 'order', 'list'], { env });
    const fromEnv = await rtc(['--server', server, 'order', 'list'], { env: { ...env, RTC_TOKEN: 'abc\u001b[2Jdef' } });
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    const profile = { server, token: 'abc\ndef', user: { id: 'a', username: 'a', role: 'staff', restaurantId: 'r1' }, savedAt: new Date().toISOString() };
    writeFileSync(`${dir}/profiles.json`, JSON.stringify({ profiles: { default: profile } }), { mode: 0o600 });
    const fromProfile = await rtc(['order', 'list'], { env: { ...env, RTC_CONFIG_DIR: dir } });
    removeDir(dir);
    for (const [result, source] of [[fromFlag, '--token'], [fromEnv, 'RTC_TOKEN'], [fromProfile, 'profile "default"']] as const) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`the token from ${source} holds a character no token holds`);
      expect(result.stderr).toMatch(/\[BAD_REQUEST\]\n$/);
      expect(result.stderr).not.toContain('abc');
    }
    expect(fromProfile.stderr).toMatch(/U\+000A at position 4\): run rtc login/);
  });

  it('refuses one piped to rtc login --token-stdin', async () => {
    const result = await rtc(['--server', server, 'login', '--token-stdin'], { env, input: 'rtck_a\u0007b\n' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/the token from stdin holds a character no token holds \(U\+0007 at position 7\)/);
  });
});

describe('a password in a server URL is never printed back', () => {
  it('redacts it in unreachable, refused-URL and not-logged-in messages, human and --json', async () => {
    const cases = [
      ['--server', 'http://user:pa55@127.0.0.1:1', '--token', 't', 'whoami'],
      ['--json', '--server', 'http://user:pa55@127.0.0.1:1', '--token', 't', 'order', 'list'],
      ['--server', 'ftp://user:pa55@127.0.0.1:1', '--token', 't', 'whoami'],
      ['--server', 'http://user:pa55@127.0.0.1:1', 'login', '-u', 'a', '--password-stdin'],
    ];
    for (const args of cases) {
      const result = await rtc(args, { env, input: 'password\n' });
      expect(result.stderr, args.join(' ')).toContain('user:***@127.0.0.1:1');
      expect(result.stderr + result.stdout, args.join(' ')).not.toContain('pa55');
    }
  });
});

describe('values echoed in errors are shortened', () => {
  it('shortens a 120 KB argument to about 80 characters, keeping its start and end', async () => {
    const huge = `${'A'.repeat(120_000)}Z`;
    for (const args of [[huge], ['--json', huge], ['serve', '--db', ':memory:', '--token-ttl', huge]]) {
      const result = await rtc(args, { env });
      expect(result.code).toBe(2);
      expect(result.stderr.length, result.stderr.slice(0, 200)).toBeLessThan(400);
      expect(result.stderr).toMatch(/A{40,}…A{20,}Z/);
    }
  });
});

describe('a profile lock held by another rtc', () => {
  it('is UNAVAILABLE (exit 8) with the hint to try again or remove the lock', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const { default: lockfile } = await import('proper-lockfile');
    const path = `${dir}/profiles.json`;
    // Held the way rtc holds it, refreshed, so it never goes stale while the command waits.
    const release = await lockfile.lock(path, { realpath: false, lockfilePath: `${path}.lock`, stale: 10_000 });
    try {
      const result = await rtc(['logout'], { env: { ...env, RTC_CONFIG_DIR: dir }, timeoutMs: 50_000 });
      expect(result.code, result.stderr).toBe(8);
      expect(result.stderr).toMatch(/cannot lock .*profiles\.json .*another rtc is saving a login: try again; if no other rtc runs, remove .*profiles\.json\.lock \[UNAVAILABLE\]/);
    } finally {
      await release();
      removeDir(dir);
    }
  });
});

describe('ids in paths are checked before any request', () => {
  const server = 'http://127.0.0.1:1'; // nothing listens: a request would be UNREACHABLE (exit 6)
  const long = 'A'.repeat(70_000);
  it('holds the client\'s id limit equal to the contract\'s', async () => {
    const [{ ID_MAX }, { LIMITS }] = await Promise.all([import('../src/client/path-ids.js'), import('../src/protocol/schemas.js')]);
    expect(ID_MAX).toBe(LIMITS.id);
  });
  it.each([
    ['order show 70,000 chars', ['order', 'show', long], 'order id'],
    ['order advance 20,000 chars', ['order', 'advance', 'A'.repeat(20_000)], 'order id'],
    ['order cancel with a slash', ['order', 'cancel', 'ab/../x'], 'order id'],
    ['order recall', ['order', 'recall', long], 'order id'],
    ['order list -r', ['order', 'list', '-r', long], 'restaurant id'],
    ['restaurant rename', ['restaurant', 'rename', long, 'New name'], 'restaurant id'],
    ['user remove', ['user', 'remove', long], 'user id'],
    ['user list -r with a space', ['user', 'list', '-r', 'r 1'], 'restaurant id'],
    ['key revoke', ['key', 'revoke', long], 'key id'],
    ['chaos heal', ['chaos', 'heal', long], 'fault id'],
    ['watch --order', ['watch', '--order', long], 'order id'],
  ])('%s: BAD_REQUEST naming the id, exit 2, short', async (_label, args, kind) => {
    const result = await rtc(['--server', server, '--token', 'token', ...(args as string[])], { env });
    expect(result.code, result.stderr.slice(0, 300)).toBe(2);
    expect(result.stderr).toContain(`${kind as string} "`);
    expect(result.stderr).toMatch(new RegExp(`a ${kind as string} is 1-64`));
    expect(result.stderr.length).toBeLessThan(400);
  });
});
