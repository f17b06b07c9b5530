import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

/** A login; a connection the server closes unanswered (one address past its share of pending connections) is status 0. */
const login = (username: string, password: string) =>
  api(server.url, 'POST', '/api/auth/login', { body: { username, password } }).catch(() => ({ status: 0, body: undefined as any }));

/**
 * A login that reaches the login limiter: retried while its connection is cut (the address past its
 * share of pending connections) or the per-address request limit refuses it first ("too many requests").
 */
const answered = (username: string, password: string) =>
  waitFor(async () => {
    const answer = await login(username, password);
    if (answer.status === 0 || answer.body?.error?.message === 'too many requests') return undefined;
    return answer;
  }, `an answer to a login of ${username}`, 15_000);

describe('login throttle', () => {
  it('checks at most the per-username allowance of 200 concurrent guesses, and then refuses even the right password', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login('bob', `guess-${i}`)));
    const seconds = (Date.now() - started) / 1000;
    const checked = answers.filter((a) => a.status === 401).length;
    const limited = answers.filter((a) => a.status === 429);
    const cut = answers.filter((a) => a.status === 0).length;
    console.log(`login attack: 200 concurrent guesses for one name, ${checked} checked, ${limited.length} refused, ${cut} connections cut, in ${seconds.toFixed(2)} s`);
    expect(checked).toBeLessThanOrEqual(10);
    // Past its share of unauthenticated connections (a tenth of --max-pending) an address's new ones are cut.
    expect(limited.length + cut).toBe(200 - checked);
    expect(limited[0]!.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited[0]!.body.error.retryAfter).toBeGreaterThan(0);
    expect((await answered('bob', 'bob')).status).toBe(429);
  });

  it('keeps a locked name locked however many other names are tried', async () => {
    for (let i = 0; i < 12; i++) await answered('owner', 'wrong');
    expect((await answered('owner', 'owner')).status).toBe(429);
    const flood = await Promise.all(Array.from({ length: 300 }, (_, i) => login(`nobody${i}`, 'x')));
    // The address allowance stops a flood of made-up names long before it could matter.
    expect(flood.filter((a) => a.status === 429 || a.status === 0).length).toBeGreaterThan(200);
    // Once the flood's connections are gone (cut ones are status 0), the name is still locked.
    expect((await answered('owner', 'owner')).status).toBe(429);
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
