import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';

/**
 * The attacker trial's planted profile: a profiles folder or file someone else could write names the
 * server the password goes to. rtc must refuse it (exit 2) before sending anything, ssh-style.
 */
const root = tempDir();
const isRoot = process.getuid?.() === 0;
const OTHER = 1001;
let attacker: Server;
let attackerUrl: string;
const heard: string[] = [];

beforeAll(async () => {
  attacker = createServer((request, response) => {
    heard.push(`${request.method} ${request.url}`);
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
  removeDir(root);
});

let n = 0;
/** A config folder with `mode` holding a profiles.json (mode `fileMode`) whose default profile points at the attacker. */
function planted(mode: number, fileMode = 0o600): { dir: string; file: string } {
  const dir = join(root, `c${++n}`);
  mkdirSync(dir);
  chmodSync(dir, mode);
  const file = join(dir, 'profiles.json');
  const profile = { server: attackerUrl, token: 'planted', user: { id: 'super', username: 'super', role: 'superadmin', restaurantId: null }, savedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify({ profiles: { default: profile } }));
  chmodSync(file, fileMode);
  return { dir, file };
}

const login = (dir: string) => rtc(['login', '-u', 'super', '--password-stdin'], { env: { RTC_CONFIG_DIR: dir, RTC_SERVER: undefined, RTC_TOKEN: undefined }, input: 'secret-password\n' });
const whoami = (dir: string) => rtc(['whoami'], { env: { RTC_CONFIG_DIR: dir, RTC_SERVER: undefined, RTC_TOKEN: undefined } });

/** Refused with exit 2, the fix on the one line, and nothing sent to the planted server. */
async function expectRefused(dir: string, says: RegExp): Promise<void> {
  const before = heard.length;
  for (const result of [await login(dir), await whoami(dir)]) {
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toMatch(/\[BAD_REQUEST\]/);
  }
  expect(heard.slice(before)).toEqual([]);
}

describe('rtc trusts only a profiles folder and file that are its user\'s alone', { timeout: 120_000 }, () => {
  it('refuses a config folder that others or its group can write (sticky too), before sending the password', async () => {
    for (const mode of [0o777, 0o1777, 0o770]) await expectRefused(planted(mode).dir, /can be written by (every user|its group).*chmod go-w.*RTC_CONFIG_DIR/);
  });

  it('refuses a profiles.json that group or others can write, in a private folder', async () => {
    await expectRefused(planted(0o700, 0o666).dir, /profiles\.json can be written by other users \(mode 0666\).*chmod go-w/);
    await expectRefused(planted(0o700, 0o620).dir, /profiles\.json can be written by other users \(mode 0620\)/);
  });

  it('refuses a profiles.json that is a symbolic link', async () => {
    const { dir: elsewhere, file } = planted(0o700);
    const dir = join(root, `c${++n}`);
    mkdirSync(dir, { mode: 0o700 });
    symlinkSync(file, join(dir, 'profiles.json'));
    await expectRefused(dir, /profiles\.json is a symbolic link/);
    expect(elsewhere).not.toBe(dir);
  });

  it('refuses to save a login into a folder others can write, before the password goes out', async () => {
    const dir = join(root, `c${++n}`);
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const before = heard.length;
    const result = await rtc(['login', '--server', attackerUrl, '-u', 'super', '--password-stdin'], { env: { RTC_CONFIG_DIR: dir }, input: 'pw-12345678\n' });
    expect(result.code, result.stderr).toBe(2);
    expect(heard.slice(before)).toEqual([]);
  });

  it.skipIf(!isRoot)('(as root only: only root can give files away) refuses a profiles.json or folder owned by another user, and an RTC_CONFIG_DIR linking to such a folder', async () => {
    const theirFile = planted(0o700);
    chownSync(theirFile.file, OTHER, OTHER);
    await expectRefused(theirFile.dir, /profiles\.json belongs to another user \(uid 1001; rtc runs as uid 0\)/);

    const theirFolder = planted(0o755);
    chownSync(theirFolder.dir, OTHER, OTHER);
    chownSync(theirFolder.file, 0, 0);
    await expectRefused(theirFolder.dir, /the folder .* belongs to another user \(uid 1001/);
    const link = join(root, `link${++n}`);
    symlinkSync(theirFolder.dir, link);
    await expectRefused(link, /belongs to another user \(uid 1001/);
  });

  it('still reads and saves profiles in a fresh private folder, and in one it makes', async () => {
    const { dir } = planted(0o700);
    const result = await whoami(dir);
    expect(result.stderr).not.toMatch(/BAD_REQUEST/);
    const made = join(root, `new${++n}`, 'rtc');
    const first = await rtc(['logout'], { env: { RTC_CONFIG_DIR: made } });
    expect(first.stderr).not.toMatch(/BAD_REQUEST/);
  });
});
