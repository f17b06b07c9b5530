import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtcClient } from '../src/client/rtc-client.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

/**
 * What an idle watcher costs: with stream heads only every 30 s, the client would ask the server
 * (the heartbeat's `ping` request, ~70 bytes and an event each way) after every 5 s of silence.
 * engine.io's own 3-byte ping every 4 s is the server speaking too, so an idle link is heard without
 * asking; the heartbeat asks only once at connect (to measure the round trip) and when pings stop.
 */
describe('an idle watcher', () => {
  it('is heard through engine.io pings and sends no heartbeat request while they come', async () => {
    const asked: number[] = [];
    server.io.on('connection', (socket) => socket.onAny((event) => event === 'ping' && asked.push(Date.now())));
    const client = new RtcClient({ server: server.url, token: await server.login('chef') });
    await client.connect();
    try {
      const board = client.watchRestaurant('r1');
      await waitFor(() => board.hasState, 'the board');
      await waitFor(() => asked.length >= 1, 'the heartbeat at connect');
      const idleFrom = Date.now();
      await sleep(13_000);
      expect(asked.filter((at) => at > idleFrom)).toEqual([]);
      // Still heard: the last contact is an engine.io ping of the last 4 s, not the join 13 s ago.
      expect(Date.now() - client.lastServerContactAt!).toBeLessThan(client.silenceAllowedMs);
      expect(client.state.status).toBe('connected');
    } finally {
      client.close();
    }
  }, 30_000);
});
