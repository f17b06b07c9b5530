import type { Logger } from '../logger.js';
import type { RtcSocket } from '../realtime/types.js';

interface EnginePacket {
  data?: unknown;
}

interface EngineConnection {
  on(event: 'packetCreate', listener: (this: EngineConnection, packet: EnginePacket) => void): void;
  request?: { socket?: { destroy(): void } };
  /** engine.io's queue of packets not yet handed to the websocket; emptied at each flush. */
  writeBuffer?: EnginePacket[];
  transport?: { socket?: { bufferedAmount?: number } };
}

interface CapEntry {
  socket: RtcSocket;
  maxBytes: number;
  log: Logger;
  raisedTo?: number | undefined;
  /** How many packets of engine.io's queue are counted in `queuedBytes` (its length after the last packet seen). */
  queuedPackets: number;
  queuedBytes: number;
}

/** A send buffer this small belongs to a socket that is reading what it is sent. */
const READING_BYTES = 64 * 1024;

/** Per connection: its socket, its cap, and while one oversize answer is in its buffer, the cap raised by that answer. */
const SOCKETS = new WeakMap<object, CapEntry>();

function packetBytes(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof Uint8Array) return data.byteLength;
  return 0;
}

/**
 * The bytes in engine.io's queue, counted as packets are created rather than by walking the queue at
 * each packet: a socket that does not read while its client keeps asking grows the queue by a packet
 * per answer, and a walk per packet made that quadratic (200,000 unread pings held the event loop for
 * over a minute and every other screen went STALE; trial of issue 15). The queue only grows by the
 * packets seen here, and a flush empties it, so a queue shorter than the count was flushed since and
 * is counted afresh (at most once per flush).
 */
function queuedBytes(connection: EngineConnection, entry: CapEntry): number {
  const queue = connection.writeBuffer ?? [];
  if (queue.length !== entry.queuedPackets) {
    let total = 0;
    for (const packet of queue) total += packetBytes(packet);
    entry.queuedPackets = queue.length;
    entry.queuedBytes = total;
  }
  return entry.queuedBytes;
}

// One listener shared by every connection (called with the connection as `this`): per-socket closures cost idle watchers heap.
function onPacket(this: EngineConnection, packet: EnginePacket): void {
  const entry = SOCKETS.get(this);
  if (!entry) return;
  const size = packetBytes(packet);
  // engine.io tells of a packet before it queues it: count it as queued from here on.
  const before = (this.transport?.socket?.bufferedAmount ?? 0) + queuedBytes(this, entry);
  entry.queuedPackets++;
  entry.queuedBytes += size;
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
  SOCKETS.set(conn, { socket, maxBytes, log, queuedPackets: 0, queuedBytes: 0 });
  conn.on('packetCreate', onPacket);
}
