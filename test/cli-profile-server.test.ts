import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalServerUrl, sameServer } from '../src/client/server-url.js';
import { rtc } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

// A saved login's token goes only to the server it came from. The stranger here is a plain HTTP
// server that writes down every request's headers and refuses each with an error without a hint.
let dir: string;
let serve: ServeProcess;
let stranger: Server;
let strangerUrl: string;
const seen: IncomingHttpHeaders[] = [];
const env = () => ({ RTC_CONFIG_DIR: join(dir, 'config'), RTC_SERVER: '', RTC_TOKEN: '' });

beforeAll(async () => {
  dir = tempDir('rtc-profile-server-');
  stranger = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'expired' } }));
  });
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerUrl = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
  serve = await spawnServe(['--demo', '--db', join(dir, 'rtc.db')]);
  const login = await rtc(['login', '--server', serve.url, '-u', 'owner', '--password-stdin'], { env: env(), input: 'owner' });
  expect(login.code, login.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await new Promise((resolve) => stranger?.close(resolve));
  removeDir(dir);
});

describe('server URLs', () => {
  it('are the same server when scheme, host, port and path agree, whatever the case, default port or trailing slash', () => {
    expect(normalServerUrl('HTTP://Rtc.Example.com:80/')).toBe('http://rtc.example.com:80');
    expect(sameServer('https://rtc.example.com', 'https://RTC.example.com:443/')).toBe(true);
    expect(sameServer('http://127.0.0.1:4000', 'http://127.0.0.1:4000//')).toBe(true);
    expect(sameServer('http://127.0.0.1:4000/rtc/', 'http://127.0.0.1:4000/rtc')).toBe(true);
    for (const other of ['https://127.0.0.1:4000', 'http://127.0.0.1:4001', 'http://localhost:4000', 'http://127.0.0.1:4000/other', 'not a url']) {
      expect(sameServer('http://127.0.0.1:4000', other), other).toBe(false);
    }
  });
});

describe("a saved login's token", () => {
  it('is never sent to another --server or RTC_SERVER: refused before any request, saying what to do', async () => {
    for (const [args, extra] of [
      [['--server', strangerUrl, 'order', 'list'], {}],
      [['--server', `${strangerUrl}/`, 'whoami'], {}],
      [['key', 'list'], { RTC_SERVER: strangerUrl }],
      [['watch', '-r', 'r1'], { RTC_SERVER: strangerUrl }],
      [['--server', serve.url.replace('127.0.0.1', 'localhost'), 'order', 'list'], {}],
    ] as const) {
      const refused = await rtc([...args], { env: { ...env(), ...extra } });
      expect(refused.code, args.join(' ')).toBe(4);
      const target = args[0] === '--server' ? args[1] : strangerUrl;
      expect(refused.stderr).toContain(`not logged in to ${target}: profile "default" is logged in to ${serve.url}`);
      expect(refused.stderr).toMatch(/run rtc login --server \S+, pick that server's profile with --profile, or give a token with --token or RTC_TOKEN \[UNAUTHENTICATED\]/);
    }
    expect(seen).toEqual([]);
  }, 60_000);

  it('still goes to its own server however its URL is written', async () => {
    for (const server of [serve.url, `${serve.url}/`, serve.url.replace('http://', 'HTTP://')]) {
      const who = await rtc(['--server', server, 'whoami', '--json'], { env: env() });
      expect(who.code, `${server}: ${who.stderr}`).toBe(0);
      expect(JSON.parse(who.stdout).user.username).toBe('owner');
      expect((await rtc(['order', 'list'], { env: { ...env(), RTC_SERVER: server } })).code).toBe(0);
    }
  }, 60_000);

  it('is replaced by a token the user gives for that server; a refusal without a hint gets the CLI’s own', async () => {
    const given = await rtc(['--server', strangerUrl, '--token', 'a-token-for-that-server', 'order', 'list'], { env: env() });
    expect(given.code).toBe(4);
    expect(given.stderr).toBe(`rtc: expired: run rtc login --server ${strangerUrl} [UNAUTHENTICATED]\n`);
    expect(seen.map((headers) => headers.authorization)).toEqual(['Bearer a-token-for-that-server']);

    const key = await rtc(['order', 'list'], { env: { ...env(), RTC_SERVER: strangerUrl, RTC_TOKEN: 'rtck_not_a_real_key' } });
    expect(key.code).toBe(4);
    expect(key.stderr).toMatch(/^rtc: expired: check the API key given .* ask an admin for a new one \(rtc key create\) \[UNAUTHENTICATED\]\n$/);
    // rtc's own server names the step in its message: nothing is added twice.
    const revoked = await rtc(['order', 'list'], { env: { ...env(), RTC_SERVER: serve.url, RTC_TOKEN: 'rtck_unknown' } });
    expect(revoked.code).toBe(4);
    expect(revoked.stderr).toBe('rtc: unknown or revoked API key: ask an admin for a new one (rtc key create) [UNAUTHENTICATED]\n');
  }, 60_000);
});
