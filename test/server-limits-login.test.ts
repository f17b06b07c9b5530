import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

const login = (username: string, password: string) => api(server.url, 'POST', '/api/auth/login', { body: { username, password } });

describe('login throttle', () => {
  it('checks at most the per-username allowance of 200 concurrent guesses, and then refuses even the right password', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login('bob', `guess-${i}`)));
    const seconds = (Date.now() - started) / 1000;
    const checked = answers.filter((a) => a.status === 401).length;
    const limited = answers.filter((a) => a.status === 429);
    console.log(`login attack: 200 concurrent guesses for one name, ${checked} checked in ${seconds.toFixed(2)} s`);
    expect(checked).toBeLessThanOrEqual(10);
    expect(limited.length).toBe(200 - checked);
    expect(limited[0]!.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited[0]!.body.error.retryAfter).toBeGreaterThan(0);
    expect((await login('bob', 'bob')).status).toBe(429);
  });

  it('keeps a locked name locked however many other names are tried', async () => {
    for (let i = 0; i < 12; i++) await login('owner', 'wrong');
    expect((await login('owner', 'owner')).status).toBe(429);
    const flood = await Promise.all(Array.from({ length: 300 }, (_, i) => login(`nobody${i}`, 'x')));
    // The address allowance stops a flood of made-up names long before it could matter.
    expect(flood.filter((a) => a.status === 429).length).toBeGreaterThan(200);
    expect((await login('owner', 'owner')).status).toBe(429);
  });

  it('gives a successful login its attempt back', async () => {
    const fresh = await startTestServer();
    try {
      for (let i = 0; i < 30; i++) expect((await api(fresh.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } })).status).toBe(200);
    } finally {
      await fresh.stop();
      removeDir(fresh.dir);
    }
  });
});
