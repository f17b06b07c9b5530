import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, NodeStats, ServerToClientEvents, SocketData } from '../../protocol/events.js';
import type { TokenBucket } from '../limits/token-bucket.js';

/** Sockets held back from room broadcasts (slow consumers, joins being replayed) sit in this room. */
export const HELD_ROOM = '__held';
/** Sockets that a chaos fault applies to: room broadcasts skip them and the fault injector delivers instead. */
export const FAULTED_ROOM = '__faulted';

export interface RtcSocketData extends SocketData {
  /** What the client said it understands at the handshake (auth.features). */
  features: { deflate: boolean; batchReplay: boolean };
  /** Why the socket is held, if it is; it is released when the last reason goes. */
  holds: Set<string>;
  /** Per stream room, the last seq (restaurant) or version (order) the socket is known to have been sent. */
  resumeFrom: Map<string, number>;
  /** This socket's request rate limit. */
  bucket: TokenBucket;
}

/** What the nodes tell each other through the adapter (Socket.IO's serverSideEmit); never seen by clients. */
export interface ServerSideEvents {
  rtc_node_stats: (stats: NodeStats) => void;
  rtc_node_left: (node: string) => void;
}

export type RtcServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, RtcSocketData>;
export type RtcSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, RtcSocketData>;
