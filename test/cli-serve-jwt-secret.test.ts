import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

let n = 0;
/** A fresh database path whose secret file (PATH.jwt-secret) holds `content`, mode 0600 unless told. */
function withSecretFile(content: string, mode = 0o600): { db: string; secret: string } {
  const db = join(dir, `s${++n}.db`);
  const secret = `${db}.jwt-secret`;
  writeFileSync(secret, content);
  chmodSync(secret, mode); // not masked by the umask, as the mode of writeFileSync is
  return { db, secret };
}

const serve = (args: string[], env: Record<string, string | undefined> = {}) =>
  rtc(['serve', '--port', '0', '--log-level', 'silent', ...args], { env: { RTC_JWT_SECRET: undefined, ...env }, timeoutMs: 60_000 });

/** Refused at start: exit 2 (the user can fix it), one line on stderr that says what to do. */
function expectRefused(result: { code: number | null; stderr: string }, says: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(says);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
}

// Each case starts a real `rtc serve`; on a loaded machine that takes seconds.
describe('rtc serve checks the token secret before it signs anything with it', { timeout: 180_000 }, () => {
  it('refuses an RTC_JWT_SECRET shorter than 32 bytes, saying how to make one; takes 32', async () => {
    const refused = await Promise.all(['k', 'x'.repeat(31), 'é'.repeat(15)].map((short) => serve(['--db', ':memory:'], { RTC_JWT_SECRET: short })));
    for (const result of refused) expectRefused(result, /RTC_JWT_SECRET is \d+ bytes.*at least 32.*openssl rand -base64 48/);
    const server = await spawnServe(['--db', ':memory:', '--demo'], { RTC_JWT_SECRET: 'y'.repeat(32) });
    const login = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } });
    expect(login.status).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('refuses an empty, malformed or short secret file, saying to delete it or set RTC_JWT_SECRET', async () => {
    const cases = [
      ['', /is empty/],
      ['\n', /is empty/],
      ['not a secret\n', /does not hold a secret as rtc writes it/],
      ['abc\n', /does not hold a secret as rtc writes it/],
      [randomBytes(16).toString('hex'), /holds a 16-byte secret.*at least 32/],
    ] as const;
    await Promise.all(
      cases.map(async ([content, says]) => {
        const { db, secret } = withSecretFile(content);
        const result = await serve(['--db', db]);
        expectRefused(result, says);
        expect(result.stderr).toContain(secret);
        expect(result.stderr).toMatch(/delete it and rtc makes a new one.*RTC_JWT_SECRET.*openssl rand/);
      }),
    );
  });

  it('refuses a secret file that group or others can read or write, with the chmod that fixes it', async () => {
    await Promise.all(
      [0o644, 0o640, 0o604, 0o602].map(async (mode) => {
        const { db, secret } = withSecretFile(randomBytes(32).toString('hex'), mode);
        const result = await serve(['--db', db]);
        expectRefused(result, new RegExp(`open to other users \\(mode 0${mode.toString(8)}\\).*chmod 600 ${secret.replace(/[.]/g, '\\.')}`));
      }),
    );
  });

  it('refuses a secret file owned by another user, and a symbolic link in its place', async () => {
    const { db: linked, secret: link } = { db: join(dir, 'linked.db'), secret: join(dir, 'linked.db.jwt-secret') };
    const target = withSecretFile(randomBytes(32).toString('hex')).secret;
    symlinkSync(target, link);
    expectRefused(await serve(['--db', linked]), /is a symbolic link/);

    // Only root can give a file away; as anyone else the planted file cannot be made here.
    if (process.getuid?.() !== 0) return;
    const { db, secret } = withSecretFile(randomBytes(32).toString('hex'));
    chownSync(secret, 4242, 4242);
    expectRefused(await serve(['--db', db]), /belongs to another user \(uid 4242; rtc runs as uid 0\).*delete it/);
  });

  it('still makes a secret of 32 bytes, 0600, when there is none, and keeps using it', async () => {
    const db = join(dir, 'fresh.db');
    const first = await spawnServe(['--db', db, '--demo']);
    const token = (await api(first.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } })).body.token as string;
    expect(await first.stop()).toBe(0);
    const second = await spawnServe(['--db', db]);
    expect((await api(second.url, 'GET', '/api/me', { token })).status).toBe(200);
    expect(await second.stop()).toBe(0);
  });
});
