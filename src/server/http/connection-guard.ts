import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger.js';

export interface ConnectionGuardOptions {
  /** Open connections without a valid token, over every address (`--max-pending`). */
  maxPending: number;
  /** Of those, from one address: a tenth of `maxPending`, at least 8 (see `perAddressShare`). */
  maxPerAddress?: number | undefined;
  /** A connection that has sent no byte this long (ms) is closed: the headers bound of the HTTP server. */
  silentMs: number;
  /** Addresses of trusted proxies (`--trust-proxy`): every client behind one shares its address, so no per-address cap. */
  isTrustedProxy?: ((address: string) => boolean) | undefined;
  /** 'secureConnection' for TLS, so that the socket counted is the one requests carry. */
  event?: 'connection' | 'secureConnection';
}

/** The default share of the pending pool one address may hold. */
export function perAddressShare(maxPending: number): number {
  return Math.max(8, Math.ceil(maxPending / 10));
}

/**
 * Caps the connections that have not yet shown a valid token (an authenticated HTTP request or
 * Socket.IO handshake), over all and per address, and closes those that stay silent. Past a cap a new
 * connection is closed at once, so half-sent requests cannot pile up; connections that authenticated
 * do not count. One global pool let a single address hold all of it with silent TCP connections (a
 * connection that sends no byte never starts Node's header timer) and lock every client out
 * (attacker trial of 2026-11-30). Refusals are logged at warn, at most once a second.
 */
export class ConnectionGuard {
  /** Each pending connection, with the address it counts against (undefined: a trusted proxy's, not counted). */
  private readonly pending = new Map<Socket, string | undefined>();
  private readonly byAddress = new Map<string, number>();
  private readonly maxPerAddress: number;
  private refusedSinceLog = 0;
  private lastLog = 0;

  constructor(
    server: Server,
    private readonly options: ConnectionGuardOptions,
    private readonly log: Logger,
  ) {
    this.maxPerAddress = options.maxPerAddress ?? perAddressShare(options.maxPending);
    server.on(options.event ?? 'connection', (socket: Socket) => this.admit(socket));
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private admit(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const capped = !this.options.isTrustedProxy?.(address);
    const fromAddress = this.byAddress.get(address) ?? 0;
    // A full pool makes room by closing its oldest connection that has not sent a byte: held open from
    // many addresses, silent connections would otherwise lock every client out until they time out
    // (re-check trial: 1,000 from ten addresses). A new client gets in; a silent holder loses its turn.
    if (this.pending.size >= this.options.maxPending && !this.evictSilent()) return this.refuse(socket, 'too many unauthenticated connections: refusing new ones');
    if (capped && fromAddress >= this.maxPerAddress) return this.refuse(socket, 'too many unauthenticated connections from one address: refusing its new ones', address);
    this.pending.set(socket, capped ? address : undefined);
    if (capped) this.byAddress.set(address, fromAddress + 1);
    const silent = setTimeout(() => {
      if (this.pending.has(socket) && socket.bytesRead === 0) socket.destroy();
    }, this.options.silentMs);
    silent.unref();
    socket.once('close', () => {
      clearTimeout(silent);
      this.forget(socket);
    });
  }

  /** Closes the oldest pending connection that has sent nothing; false when every one has. */
  private evictSilent(): boolean {
    for (const socket of this.pending.keys()) {
      if (socket.bytesRead > 0) continue;
      this.forget(socket);
      socket.destroy();
      return true;
    }
    return false;
  }

  /** The connection carried a valid token: it no longer counts against the caps. */
  authenticated(socket: Socket | undefined | null): void {
    if (socket) this.forget(socket);
  }

  private forget(socket: Socket): void {
    if (!this.pending.has(socket)) return;
    const address = this.pending.get(socket);
    this.pending.delete(socket);
    if (address === undefined) return;
    const left = (this.byAddress.get(address) ?? 1) - 1;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }

  private refuse(socket: Socket, why: string, address?: string): void {
    socket.destroy();
    this.refusedSinceLog++;
    const now = Date.now();
    if (now - this.lastLog < 1000) return;
    this.log.warn({ refused: this.refusedSinceLog, maxPending: this.options.maxPending, maxPerAddress: this.maxPerAddress, ...(address ? { address } : {}) }, why);
    this.lastLog = now;
    this.refusedSinceLog = 0;
  }
}
