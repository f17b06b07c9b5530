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

/** Per connection: its socket, its cap, and while one oversize answer is in its buffer, the cap raised by that answer. */
const SOCKETS = new WeakMap<object, { socket: RtcSocket; maxBytes: number; log: Logger; raisedTo?: number | undefined }>();

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
  const size = packetBytes(packet);
  // A drained buffer: whatever oversize answer raised the cap has been read.
  if (before <= READING_BYTES) entry.raisedTo = undefined;
  const bytes = before + size;
  if (bytes <= (entry.raisedTo ?? entry.maxBytes)) return;
  // One answer bigger than the cap (a restaurant snapshot of a very busy room) to a socket that has
  // read what it was sent: let it go, and let the small answers queued behind it (refusals of the
  // joins SnapshotGate turns away meanwhile) have the usual cap on top of it. SnapshotGate sends no
  // second snapshot until this one is read, so the socket holds at most this answer plus the cap.
  if (before <= READING_BYTES) {
    entry.raisedTo = size + entry.maxBytes;
    return;
  }
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
