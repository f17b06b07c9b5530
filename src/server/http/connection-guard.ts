import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger.js';

/**
 * Caps the connections that have not yet shown a valid token (an authenticated HTTP request or
 * Socket.IO handshake). Past the cap a new connection is closed at once, so half-sent requests
 * cannot pile up; connections that authenticated do not count. Refusals are logged at warn, at
 * most once a second.
 */
export class ConnectionGuard {
  private readonly pending = new Set<Socket>();
  private refusedSinceLog = 0;
  private lastLog = 0;

  constructor(
    server: Server,
    private readonly maxPending: number,
    private readonly log: Logger,
    /** 'secureConnection' for TLS, so that the socket counted is the one requests carry. */
    event: 'connection' | 'secureConnection' = 'connection',
  ) {
    server.on(event, (socket: Socket) => this.admit(socket));
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private admit(socket: Socket): void {
    if (this.pending.size >= this.maxPending) {
      socket.destroy();
      this.refusedSinceLog++;
      const now = Date.now();
      if (now - this.lastLog >= 1000) {
        this.log.warn({ refused: this.refusedSinceLog, maxPending: this.maxPending }, 'too many unauthenticated connections: refusing new ones');
        this.lastLog = now;
        this.refusedSinceLog = 0;
      }
      return;
    }
    this.pending.add(socket);
    socket.once('close', () => this.pending.delete(socket));
  }

  /** The connection carried a valid token: it no longer counts against the cap. */
  authenticated(socket: Socket | undefined | null): void {
    if (socket) this.pending.delete(socket);
  }
}
