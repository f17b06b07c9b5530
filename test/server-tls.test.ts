import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/client/http-client.js';
import { RtcClient } from '../src/client/rtc-client.js';
import { makeTestCerts, type TestCerts } from './helpers/certs.js';
import { RTC_BIN, rtc } from './helpers/cli.js';
import { stopChild } from './helpers/redis.js';
import { startRtcNode, type RtcNode } from './helpers/rtc-node.js';
import { removeDir, startTestServer, tempDir, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

const hasOpenssl = !spawnSync('openssl', ['version']).error;
if (!hasOpenssl) console.warn('tls: skipped, missing openssl (needed to make a test CA)');

describe.skipIf(!hasOpenssl)('rtc over TLS with a private CA', () => {
  let dir: string;
  let certs: TestCerts;
  let server: TestServer;

  beforeAll(async () => {
    dir = tempDir('rtc-tls-');
    certs = makeTestCerts(dir);
    server = await startTestServer({ dir, tls: { cert: certs.cert, key: certs.key } });
  });

  afterAll(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('serves the HTTP API over https to a client that trusts the CA, and refuses one that does not', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const trusting = new HttpClient({ server: server.url, ca: certs.ca });
    const { token, user } = await trusting.login('chef', 'chef');
    expect(user.username).toBe('chef');
    expect((await new HttpClient({ server: server.url, token, ca: certs.ca }).me()).user.id).toBe(user.id);
    await expect(new HttpClient({ server: server.url }).login('chef', 'chef')).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });

  it('keeps a live board over wss', async () => {
    const { token } = await new HttpClient({ server: server.url, ca: certs.ca }).login('chef', 'chef');
    const client = new RtcClient({ server: server.url, token, ca: certs.ca });
    try {
      await client.connect();
      const board = client.watchRestaurant('r1');
      await waitFor(() => board.hasState, 'snapshot over wss');
      const { order } = await client.createOrder({ restaurantId: 'r1', items: [{ name: 'Soup', qty: 1 }], amount: 4 });
      await waitFor(() => board.orders.has(order.id), 'the new order over wss');
    } finally {
      client.close();
    }
    const untrusting = new RtcClient({ server: server.url, token });
    try {
      // At the first refusal, not after the connect timeout: a certificate not trusted now will not be on the next try.
      const started = Date.now();
      await expect(untrusting.connect(30_000)).rejects.toMatchObject({ code: 'UNREACHABLE', message: expect.stringMatching(/cannot trust .*--ca FILE/) });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      untrusting.close();
    }
  });

  it('rtc serve refuses a TLS file that is not PEM, or a key that is not the certificate\'s, naming the flag (exit 2)', async () => {
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'not a certificate\n');
    const otherDir = join(dir, 'other');
    mkdirSync(otherDir);
    const other = makeTestCerts(otherDir);
    const cases: Array<{ cert: string; key: string; says: RegExp }> = [
      { cert: junk, key: certs.keyFile, says: /--tls-cert .*junk\.txt is not a PEM certificate/ },
      { cert: certs.keyFile, key: certs.keyFile, says: /--tls-cert .*server\.key is not a PEM certificate/ },
      { cert: certs.certFile, key: junk, says: /--tls-key .*junk\.txt is not an unencrypted PEM private key/ },
      { cert: certs.certFile, key: certs.certFile, says: /--tls-key .*server\.pem is not an unencrypted PEM private key/ },
      { cert: certs.certFile, key: other.keyFile, says: /--tls-key .* is not the key of --tls-cert .*server\.pem/ },
    ];
    for (const { cert, key, says } of cases) {
      const served = await rtc(['serve', '--port', '0', '--db', ':memory:', '--tls-cert', cert, '--tls-key', key]);
      expect(served.stderr).toMatch(says);
      expect(served.stderr).not.toMatch(/error:[0-9A-F]{8}:/);
      expect(served.code).toBe(2);
    }
  });

  it('the CLI refuses a --ca file that holds no PEM certificate, naming it (exit 2)', async () => {
    const junk = join(dir, 'junk-ca.txt');
    writeFileSync(junk, 'not a certificate\n');
    const env = { RTC_CONFIG_DIR: dir, RTC_SERVER: server.url, RTC_TOKEN: 'x' };
    for (const file of [junk, certs.keyFile]) {
      for (const args of [['order', 'list'], ['watch', '--restaurant', 'r1'], ['login', '--server', server.url, '--username', 'chef', '--password-stdin']]) {
        const result = await rtc([...args, '--ca', file], { env, input: 'chef\n' });
        expect(result.stderr).toMatch(/--ca .* holds no PEM certificate/);
        expect(result.code).toBe(2);
      }
    }
  });

  it('rtc serve --tls-cert/--tls-key, and the CLI with --ca or NODE_EXTRA_CA_CERTS', async () => {
    const node: RtcNode = await startRtcNode({
      args: ['--db', ':memory:', '--demo', '--tls-cert', certs.certFile, '--tls-key', certs.keyFile, '--log-level', 'warn'],
      scheme: 'https',
    });
    try {
      const env = { RTC_CONFIG_DIR: dir };
      const login = await rtc(['login', '--server', node.url, '--ca', certs.caFile, '--username', 'chef', '--password-stdin', '--json'], { env, input: 'chef\n' });
      expect(login.stderr).toBe('');
      expect(login.code).toBe(0);
      const created = await rtc(['order', 'create', '--restaurant', 'r1', '--items', '1x Soup', '--amount', '3', '--ca', certs.caFile, '--json'], { env });
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout).order.restaurantId).toBe('r1');
      const viaEnv = await rtc(['whoami', '--json'], { env: { ...env, NODE_EXTRA_CA_CERTS: certs.caFile } });
      expect(viaEnv.code).toBe(0);
      expect(JSON.parse(viaEnv.stdout).server).toBe(node.url);
      // rtc watch over wss prints live events only: keep making one until it shows.
      const watch = spawn(process.execPath, [RTC_BIN, 'watch', '--restaurant', 'r1', '--json', '--ca', certs.caFile], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let watched = '';
      watch.stdout.on('data', (chunk) => (watched += chunk));
      try {
        const operator = new HttpClient({ server: node.url, token: JSON.parse(login.stdout).token, ca: certs.ca });
        await waitFor(
          async () => {
            await operator.createOrder({ restaurantId: 'r1', items: [{ name: 'Tea', qty: 1 }], amount: 2 });
            await sleep(200);
            return watched.includes('"event":"restaurant_order_received"');
          },
          'rtc watch to print an order received over wss',
          15_000,
        );
      } finally {
        await stopChild(watch);
      }
      const untrusted = await rtc(['order', 'list', '--json'], { env });
      expect(untrusted.code).toBe(6);
      expect(untrusted.stderr).toMatch(/cannot trust .*--ca FILE/);
    } finally {
      await node.stop();
    }
  });
});
