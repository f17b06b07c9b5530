import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, NodeStats, ServerToClientEvents, SocketData } from '../../protocol/events.js';
import type { Principal, SessionEnd } from '../auth/principal.js';
import type { TokenBucket } from '../limits/token-bucket.js';

/** Sockets held back from room broadcasts (slow consumers, joins being replayed) sit in this room. */
export const HELD_ROOM = '__held';
/** Sockets that a chaos fault applies to: room broadcasts skip them and the fault injector delivers instead. */
export const FAULTED_ROOM = '__faulted';

export interface RtcSocketData extends SocketData {
  /** What the client said it understands at the handshake (auth.features). */
  features: { deflate: boolean; batchReplay: boolean };
  /**
   * Why the socket is held, if it is; it is released when the last reason goes. Made at the first
   * hold: an empty Set and Map on every socket were ~250 bytes of each idle watcher's heap.
   */
  holds?: Set<string>;
  /** Per stream room, the last seq (restaurant) or version (order) the socket is known to have been sent; made at the first hold. */
  resumeFrom?: Map<string, number>;
  /** This socket's request rate limit. */
  bucket: TokenBucket;
  /** Whose token opened (or last refreshed) the socket: its login session or API key. */
  principal: Principal;
}

/** What nodes tell each other through the cluster (io.serverSideEmit); never seen by clients. */
export interface ServerSideEvents {
  /** A session ended on that node: this one forgets it and closes its sockets under it. */
  rtc_session_end: (end: SessionEnd) => void;
  /** That node's share of the figures, once a second (ClusterStats). */
  rtc_node_stats: (stats: NodeStats) => void;
  /** That node is stopping: drop it from the sums now. */
  rtc_node_left: (node: string) => void;
}

export type RtcServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, RtcSocketData>;
export type RtcSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, RtcSocketData>;
