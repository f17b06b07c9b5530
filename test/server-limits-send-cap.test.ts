import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { capSendBuffer } from '../src/server/limits/send-cap.js';
import type { Logger } from '../src/server/logger.js';
import type { RtcSocket } from '../src/server/realtime/types.js';

/**
 * An engine.io connection as the send cap sees one: it tells of each packet (`packetCreate`) before
 * queueing it, as engine.io does, and its queue counts how many packets anything reads from it.
 */
function unreadConnection() {
  const conn = new EventEmitter() as EventEmitter & { writeBuffer: { data: string }[]; transport: { socket: { bufferedAmount: number } }; request: { socket: { destroy(): void } } };
  const queue: { data: string }[] = [];
  let visits = 0;
  conn.writeBuffer = new Proxy(queue, {
    get(target, key, receiver) {
      if (key === Symbol.iterator) return function* () { for (const packet of target) (visits++, yield packet); };
      return Reflect.get(target, key, receiver);
    },
  });
  conn.transport = { socket: { bufferedAmount: 0 } };
  let destroyed = false;
  conn.request = { socket: { destroy: () => void (destroyed = true) } };
  const send = (data: string) => {
    conn.emit('packetCreate', { data });
    conn.writeBuffer.push({ data });
  };
  const flush = () => {
    conn.transport.socket.bufferedAmount += queue.reduce((sum, packet) => sum + packet.data.length, 0);
    queue.length = 0;
  };
  return { conn, send, flush, visits: () => visits, destroyed: () => destroyed };
}

const silent = { warn: () => undefined } as unknown as Logger;

function socketOn(conn: object) {
  let connected = true;
  const socket = { conn, id: 's1', data: { user: { id: 'chef' } }, get connected() { return connected; }, disconnect: () => void (connected = false) };
  return socket as unknown as RtcSocket & { connected: boolean };
}

describe('send cap', () => {
  it('counts each queued answer once, however long the unread queue grows', () => {
    const { conn, send, visits } = unreadConnection();
    const socket = socketOn(conn);
    capSendBuffer(socket, 8 * 1024 * 1024, silent);
    // A client that asks and never reads: every answer stays queued (the trial of issue 15 sent 200,000
    // pings; walking the queue at each packet held the event loop for over a minute).
    for (let i = 0; i < 5_000; i++) send('43' + String(i) + '[{"ok":false,"error":{"code":"RATE_LIMITED"}}]');
    expect(socket.connected).toBe(true);
    // Before: ~12.5 million packets read (the whole queue at each packet). Now none: nothing was flushed.
    expect(visits()).toBeLessThanOrEqual(5_000);
  });

  it('still cuts the socket once what waits passes the cap, counting across flushes', () => {
    const { conn, send, flush, destroyed } = unreadConnection();
    const socket = socketOn(conn);
    capSendBuffer(socket, 64 * 1024, silent);
    const answer = 'x'.repeat(1000);
    for (let i = 0; i < 40; i++) send(answer);
    // Handed to the websocket, not read: it now counts there.
    flush();
    for (let i = 0; i < 20 && socket.connected; i++) send(answer);
    expect(socket.connected).toBe(true);
    for (let i = 0; i < 20 && socket.connected; i++) send(answer);
    expect(socket.connected).toBe(false);
    expect(destroyed()).toBe(true);
  });
});
