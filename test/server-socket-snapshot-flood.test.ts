import type { Socket as TcpSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../src/protocol/model.js';
import { bufferedBytes } from '../src/server/realtime/catch-up.js';
import { connectRaw } from './helpers/raw-socket.js';
import { countSnapshots } from './helpers/snapshot-count.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';
import { sleep, waitFor } from './helpers/wait.js';

const SUPER: User = { id: 'super', username: 'super', role: 'superadmin', restaurantId: null };
const CAP = 4 * 1024 * 1024;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxBufferedBytes: CAP });
  // About 1 MB of open orders: each join ack carries all of them.
  const items = Array.from({ length: 100 }, (_, i) => ({ name: `Item ${i} `.padEnd(90, '.'), qty: 1 }));
  for (let i = 0; i < 100; i++) await server.orders.create(SUPER, { restaurantId: 'r1', items, amount: 100 });
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
});

describe('a socket that asks for snapshots and never reads them', () => {
  it('is refused every further snapshot while the last is unread, so it holds about one, never the cap', async () => {
    const attacker = await connectRaw(server.url, await server.login('chef'));
    const snapshot = await attacker.request('join_restaurant_room', { restaurantId: 'r1' });
    expect(JSON.stringify(snapshot).length).toBeGreaterThan(900_000);
    const serverSocket = server.io.of('/').sockets.get(attacker.socket.id!)!;
    const tcp = (attacker.socket.io.engine.transport as unknown as { ws: { _socket: TcpSocket } }).ws._socket;
    tcp.pause();

    let maxBuffered = 0;
    // Measured as each packet is queued: a burst of acks is queued within one turn of the event loop, between two timer ticks.
    (serverSocket.conn as unknown as { on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): void }).on('packetCreate', (packet) => {
      maxBuffered = Math.max(maxBuffered, bufferedBytes(serverSocket) + (typeof packet.data === 'string' ? packet.data.length : 0));
    });
    const snapshots = countSnapshots(server);
    try {
      // Within the per-socket limit: the burst, then ten a second.
      for (let i = 0; i < 80 && serverSocket.connected; i++) {
        attacker.socket.emit('join_restaurant_room', { restaurantId: 'r1' }, () => undefined);
        if (i >= 25) await sleep(100);
      }
      await sleep(500);
    } finally {
      snapshots.restore();
      tcp.destroy();
    }
    console.log(`snapshot flood: ${snapshots.built()} of 80 snapshots built; the unread socket held at most ${(maxBuffered / 1024 / 1024).toFixed(1)} MiB (cap ${CAP / 1024 / 1024} MiB)`);
    // The kernel's socket buffers on loopback take the first few megabytes before the server's own
    // buffer grows; from then on every join is refused without building anything (was: all 80 built).
    expect(snapshots.built()).toBeLessThanOrEqual(12);
    expect(maxBuffered).toBeLessThan(CAP);
  });
});
