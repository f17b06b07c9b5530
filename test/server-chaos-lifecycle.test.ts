import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RtcClient, type ReceivedEvent } from '../src/client/rtc-client.js';
import { api, removeDir, startTestServer, tempDir } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: { msg: string; chaos?: { id: string; counts: object; endedAt?: string } }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('a fault’s life', () => {
  it('is logged when injected, healed and expired', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startTestServer({ logger });
    try {
      const token = await server.login('super');
      const a = (await api(server.url, 'POST', '/api/chaos/faults', { token, body: { type: 'duplicate', rate: 0.5 } })).body.fault;
      const b = (await api(server.url, 'POST', '/api/chaos/faults', { token, body: { type: 'partition', userId: 'bob', forSeconds: 0.2 } })).body.fault;
      await api(server.url, 'DELETE', `/api/chaos/faults/${a.id}`, { token });
      await waitFor(() => lines.some((line) => line.msg === `chaos: partition fault ${b.id} expired`), 'expiry logged');
      const chaosLines = lines.filter((line) => line.chaos);
      expect(chaosLines.map((line) => line.msg)).toEqual([
        `chaos: duplicate fault ${a.id} injected`,
        `chaos: partition fault ${b.id} injected`,
        `chaos: duplicate fault ${a.id} healed`,
        `chaos: partition fault ${b.id} expired`,
      ]);
      expect(chaosLines[2]!.chaos).toMatchObject({ id: a.id, counts: { duplicated: 0 } });
      expect(chaosLines[2]!.chaos!.endedAt).toBeDefined();
    } finally {
      await server.stop();
      removeDir(server.dir);
    }
  });

  it('does not survive a restart', async () => {
    const dir = tempDir();
    const first = await startTestServer({ dir });
    const token = await first.login('super');
    await api(first.url, 'POST', '/api/chaos/faults', { token, body: { type: 'loss', rate: 1, forSeconds: 600 } });
    expect((await api(first.url, 'GET', '/api/chaos/faults', { token })).body.faults).toHaveLength(1);
    await first.stop();
    const second = await startTestServer({ dir });
    try {
      // Same database, same signing secret: the old token still works, and no fault came back.
      expect((await api(second.url, 'GET', '/api/chaos/faults', { token })).body).toEqual({ faults: [] });
      expect(second.broadcaster.tap).toBeUndefined();
    } finally {
      await second.stop();
      removeDir(dir);
    }
  });

  it('a partition is silent both ways: no stream_head, no stats, no acks', async () => {
    const server = await startTestServer({ streamHeadMs: 100 });
    const client = new RtcClient({ server: server.url, token: await server.login('super'), heartbeatMs: 60_000, requestTimeoutMs: 500 });
    try {
      const token = await server.login('super');
      const received: ReceivedEvent[] = [];
      client.on('event', (event) => received.push(event));
      await client.connect();
      client.watchRestaurant('r1');
      client.watchAdmin();
      await waitFor(() => received.some((e) => e.event === 'stream_head') && received.some((e) => e.event === 'system_stats_changed'), 'heads and stats');
      const fault = (await api(server.url, 'POST', '/api/chaos/faults', { token, body: { type: 'partition', restaurantId: 'r1' } })).body.fault;
      const cutAt = received.length;
      await expect(client.request('ping', {})).rejects.toMatchObject({ code: 'UNREACHABLE' });
      await sleep(1200);
      expect(received.slice(cutAt)).toEqual([]);
      await api(server.url, 'DELETE', `/api/chaos/faults/${fault.id}`, { token });
      await waitFor(() => received.slice(cutAt).some((e) => e.event === 'stream_head'), 'heads again after the heal');
    } finally {
      client.close();
      await server.stop();
      removeDir(server.dir);
    }
  });
});
