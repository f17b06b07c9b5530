import type { Logger } from '../logger.js';
import { bufferedBytes } from '../realtime/catch-up.js';
import type { RtcSocket } from '../realtime/types.js';

interface EnginePacket {
  data?: unknown;
}

interface EngineConnection {
  on(event: 'packetCreate', listener: (this: EngineConnection, packet: EnginePacket) => void): void;
  request?: { socket?: { destroy(): void } };
}

/** A send buffer this small belongs to a socket that is reading what it is sent. */
const READING_BYTES = 64 * 1024;

const SOCKETS = new WeakMap<object, { socket: RtcSocket; maxBytes: number; log: Logger }>();

function packetBytes(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof Uint8Array) return data.byteLength;
  return 0;
}

// One listener shared by every connection (called with the connection as `this`): per-socket closures cost idle watchers heap.
function onPacket(this: EngineConnection, packet: EnginePacket): void {
  const entry = SOCKETS.get(this);
  if (!entry) return;
  const before = bufferedBytes(entry.socket);
  const bytes = before + packetBytes(packet);
  if (bytes <= entry.maxBytes) return;
  // One answer bigger than the cap (a restaurant snapshot of a very busy room) to a socket that has
  // read what it was sent: let it go. SnapshotGate sends it no second one until it is read, so the
  // socket holds at most this answer, not a pile of them.
  if (before <= READING_BYTES) return;
  SOCKETS.delete(this);
  const { socket, log, maxBytes } = entry;
  log.warn({ socket: socket.id, user: socket.data.user.id, bytes, maxBytes }, 'socket does not read what it is sent: disconnecting it');
  socket.disconnect(true);
  // A polite close would wait for the buffer to drain, which is what this client does not do: cut the connection.
  this.request?.socket?.destroy();
}

/**
 * Disconnects a socket whose send buffer (engine.io's queue plus the websocket's, acks and snapshots
 * as well as broadcasts) would pass `maxBytes`: a client that stops reading can hold at most that
 * much of the server's memory. Broadcasts stop long before (backpressure holds a socket at the
 * high-water mark); what fills a buffer past the cap is requests whose answers are never read.
 */
export function capSendBuffer(socket: RtcSocket, maxBytes: number, log: Logger): void {
  const conn = socket.conn as unknown as EngineConnection;
  if (SOCKETS.has(conn)) return;
  SOCKETS.set(conn, { socket, maxBytes, log });
  conn.on('packetCreate', onPacket);
}
