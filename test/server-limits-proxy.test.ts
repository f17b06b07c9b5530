import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';

/**
 * Per-address login limits behind a proxy. Without --trust-proxy the TCP peer is the client, so a
 * client cannot reset its allowance by writing X-Forwarded-For; with it (nginx on this machine:
 * `loopback`), each client behind the proxy has its own allowance, so one client's guesses do not
 * lock every other client out.
 */
const loginFrom = (server: TestServer, forwardedFor: string, username: string, password: string) =>
  api(server.url, 'POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': forwardedFor } });

describe('client addresses behind a proxy', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    direct = await startTestServer();
    proxied = await startTestServer({ trustProxy: ['loopback'] });
  });
  afterAll(async () => {
    for (const server of [direct, proxied]) {
      await server?.stop();
      if (server) removeDir(server.dir);
    }
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const answers = [];
    // Made-up names, so only the per-address allowance (50 a minute) can refuse them.
    for (let i = 0; i < 60; i++) answers.push(await loginFrom(direct, `198.51.100.${i}`, `nobody${i}`, 'x'));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
  });

  it('counts each client behind a trusted proxy on its own', async () => {
    for (let i = 0; i < 60; i++) await loginFrom(proxied, '203.0.113.7', `nobody${i}`, 'x');
    expect((await loginFrom(proxied, '203.0.113.7', 'chef', 'chef')).status).toBe(429);
    // Another client of the same proxy is not locked out by the first one's guesses.
    expect((await loginFrom(proxied, '203.0.113.8', 'chef', 'chef')).status).toBe(200);
    // A client cannot pick its own address by adding entries: the proxy's own hop is the one counted.
    expect((await loginFrom(proxied, '10.9.9.9, 203.0.113.7', 'chef', 'chef')).status).toBe(429);
  });

  it('locks a name per client: one client\'s wrong passwords do not keep the right person out from elsewhere', async () => {
    // The attacker trial: ten wrong passwords a minute kept the superadmin out, from anywhere.
    const wrong = [];
    for (let i = 0; i < 12; i++) wrong.push((await loginFrom(proxied, '203.0.113.50', 'owner', 'wrong')).status);
    expect(wrong.slice(-2)).toEqual([429, 429]);
    expect((await loginFrom(proxied, '203.0.113.50', 'owner', 'owner')).status).toBe(429);
    expect((await loginFrom(proxied, '203.0.113.51', 'owner', 'owner')).status).toBe(200);
  });

  it('rtc serve refuses a --trust-proxy that is neither an address, a range nor a name', async () => {
    const result = await rtc(['serve', '--demo', '--port', '0', '--trust-proxy', 'loopback,not-an-address']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--trust-proxy: .*not-an-address.*--trust-proxy loopback/);
  });
});
