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
 * The server's liveness beat (a 3-byte engine.io noop every 4 s) is the server speaking too, so an
 * idle link is heard without asking; the heartbeat asks only once at connect (to measure the round
 * trip) and when the beat stops. The beat is not answered: engine.io's ping, which is, comes every
 * 25 s, so an idle server reads almost nothing.
 */
describe('an idle watcher', () => {
  it('is heard through the liveness beat, answers none of it, and sends no heartbeat request while it comes', async () => {
    const asked: number[] = [];
    const beats: number[] = [];
    const pongs: number[] = [];
    server.io.on('connection', (socket) => {
      socket.onAny((event) => event === 'ping' && asked.push(Date.now()));
      socket.conn.on('packetCreate', (packet: { type: string }) => packet.type === 'noop' && beats.push(Date.now()));
      socket.conn.on('packet', (packet: { type: string }) => packet.type === 'pong' && pongs.push(Date.now()));
    });
    const client = new RtcClient({ server: server.url, token: await server.login('chef') });
    await client.connect();
    try {
      const board = client.watchRestaurant('r1');
      await waitFor(() => board.hasState, 'the board');
      await waitFor(() => asked.length >= 1, 'the heartbeat at connect');
      const idleFrom = Date.now();
      await sleep(13_000);
      expect(asked.filter((at) => at > idleFrom)).toEqual([]);
      // Three beats at least in 13 s, and nothing read back for them (engine.io pinged every 4 s before).
      expect(beats.filter((at) => at > idleFrom).length).toBeGreaterThanOrEqual(3);
      expect(pongs.filter((at) => at > idleFrom)).toEqual([]);
      // Still heard: the last contact is a beat of the last 4 s, not the join 13 s ago.
      expect(Date.now() - client.lastServerContactAt!).toBeLessThan(client.silenceAllowedMs);
      expect(client.state.status).toBe('connected');
    } finally {
      client.close();
    }
  }, 30_000);
});
