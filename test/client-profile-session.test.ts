import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/client/http-client.js';
import { ProfileSession } from '../src/client/profile-session.js';
import { loginProfile, readProfile, saveProfile } from '../src/client/profile-store.js';
import { RtcClient } from '../src/client/rtc-client.js';
import { removeDir, startTestServer, tempDir, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

// Real server (demo users), real profile files in a temp dir; 2-second access tokens.
let server: TestServer;
let configDir: string;
beforeAll(async () => {
  server = await startTestServer({ tokenTtlSeconds: 2 });
  configDir = tempDir('rtc-session-config-');
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
  removeDir(configDir);
});

const env = (dir = configDir) => ({ ...process.env, RTC_CONFIG_DIR: dir });

async function logIn(username: string, dir = configDir): Promise<void> {
  const answer = await new HttpClient({ server: server.url }).login(username, username);
  await saveProfile(undefined, loginProfile(server.url, answer), env(dir));
}

async function sessionFromProfile(dir = configDir): Promise<ProfileSession> {
  const profile = await readProfile(undefined, env(dir));
  return new ProfileSession({ profileName: undefined, profile: profile!, env: env(dir) });
}

describe('a session shared by two processes through one profile', () => {
  it('never spends a refresh token twice: the second one takes the pair the first saved', async () => {
    await logIn('chef');
    const first = await sessionFromProfile();
    const second = await sessionFromProfile();
    const a = await first.renew();
    // Past the 10 s reuse window a spent refresh token would revoke the whole login.
    await sleep(11_000);
    const b = await second.renew();
    expect(b).not.toBe(a);
    // Both go on: neither was signed out, and the profile holds the newest pair.
    const c = await first.renew();
    expect((await new HttpClient({ server: server.url, session: first }).me()).user.username).toBe('chef');
    expect((await new HttpClient({ server: server.url, session: second }).me()).user.username).toBe('chef');
    expect((await readProfile(undefined, env()))!.token).toBe(c);
  }, 60_000);

  it('renews at once when both renew together', async () => {
    await logIn('chef');
    const sessions = await Promise.all([sessionFromProfile(), sessionFromProfile(), sessionFromProfile()]);
    const tokens = await Promise.all(sessions.map((session) => session.renew()));
    expect(tokens.every(Boolean)).toBe(true);
    for (const session of sessions) expect((await new HttpClient({ server: server.url, session }).me()).user.username).toBe('chef');
  }, 60_000);

  it('renews before the token ends, and once more on a 401', async () => {
    await logIn('owner');
    const session = await sessionFromProfile();
    const http = new HttpClient({ server: server.url, session });
    const before = session.current;
    await sleep(2500);
    expect((await http.me()).user.username).toBe('owner');
    expect(session.current).not.toBe(before);
  }, 30_000);
});

describe('RtcClient with a profile session', () => {
  it('hands the open socket each new token and keeps its room across renewals', async () => {
    await logIn('chef');
    const session = await sessionFromProfile();
    const client = new RtcClient({ server: server.url, token: session.current, session });
    const expired: unknown[] = [];
    client.on('event', ({ event, data }) => event === 'session_expired' && expired.push(data));
    try {
      await client.connect();
      const board = client.watchRestaurant('r1');
      const ownerDir = tempDir('rtc-session-owner-');
      await logIn('owner', ownerDir);
      const owner = new HttpClient({ server: server.url, session: await sessionFromProfile(ownerDir) });
      const tokens = new Set([session.current]);
      const ids: string[] = [];
      while (tokens.size < 6) {
        ids.push((await owner.createOrder({ restaurantId: 'r1', items: [{ name: 'Soup', qty: 1 }], amount: 4 })).order.id);
        await sleep(500);
        tokens.add(session.current);
      }
      await waitFor(() => ids.every((id) => board.orders.has(id)), 'every order on the board', 10_000);
      expect(client.state.status).toBe('connected');
    } finally {
      client.close();
    }
  }, 60_000);
});
