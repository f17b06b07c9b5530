import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { connectRaw } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  process.env.RTC_JWT_SECRET = 'test-secret-for-socket-auth-0123456789';
  server = await startTestServer({ tokenTtlSeconds: 2 });
});
afterAll(async () => {
  delete process.env.RTC_JWT_SECRET;
  await server.stop();
  removeDir(server.dir);
});

const refusal = (token: string | undefined) =>
  connectRaw(server.url, token).then(
    (client) => {
      client.close();
      throw new Error('connected without a good token');
    },
    (error: Error & { data?: { code: string } }) => error,
  );

describe('handshake authentication', () => {
  it('refuses a missing, malformed, forged or expired token with "Authentication failed" and UNAUTHENTICATED', async () => {
    const expired = await new SignJWT({ role: 'staff', rid: 'r1', username: 'chef' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('chef')
      .setIssuer('rtc')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 100)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(process.env.RTC_JWT_SECRET));
    const forged = await new SignJWT({ role: 'superadmin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('rtc')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret'));
    for (const token of [undefined, 'not-a-jwt', forged, expired]) {
      const error = await refusal(token);
      expect(error.message).toBe('Authentication failed');
      expect(error.data?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('puts a new socket in user_{id} and nothing else', async () => {
    const client = await connectRaw(server.url, await server.login('alice'));
    const sockets = await server.io.fetchSockets();
    const mine = sockets.find((s) => s.id === client.socket.id)!;
    expect([...mine.rooms].filter((room) => room !== mine.id)).toEqual(['user_alice']);
    client.close();
  });

  it('tells a screen on a revoked API key to get a new key, not to run rtc login (cook trial, finding 9)', async () => {
    const owner = await server.login('owner');
    const made = await fetch(`${server.url}/api/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kitchen-screen-2', role: 'staff', restaurantId: 'r1' }),
    }).then((response) => response.json() as Promise<{ key: { id: string }; token: string }>);
    const client = new RtcClient({ server: server.url, token: made.token });
    const notices: string[] = [];
    client.on('notice', (notice) => notices.push(`${notice.message}${notice.hint ? ` (${notice.hint})` : ''}`));
    await client.connect();
    const revoked = await fetch(`${server.url}/api/keys/${made.key.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${owner}` } });
    expect(revoked.status).toBe(204);
    await waitFor(() => client.state.status === 'error', 'the key revoked', 5000);
    expect(client.state.reason).toMatch(/API key revoked: .*new key/);
    expect(notices.join('\n')).toMatch(/API key revoked: .*new key/);
    expect(`${client.state.reason}\n${notices.join('\n')}`).not.toMatch(/rtc login/);
    client.close();
  });

  it('disconnects a socket when its token expires, saying why', async () => {
    const client = new RtcClient({ server: server.url, token: await server.login('chef') });
    const notices: string[] = [];
    client.on('notice', (notice) => notices.push(notice.message));
    await client.connect();
    await waitFor(() => client.state.status === 'error', 'expiry', 5000);
    expect(client.state.reason).toBe('session expired: run rtc login');
    expect(notices).toContain('session expired: run rtc login');
    client.close();
  });
});
